package dev.converge.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.api.Address;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResourceHandlersTest {

    /** A handler whose objects are one owned object per stack, or that cannot search at all. */
    private record Handler(String type, boolean searchable) implements ResourceHandler {
        @Override
        public CreateResponse create(CreateRequest request) {
            return new CreateResponse(type + "-1", request.inputs());
        }

        @Override
        public ReadResponse read(ReadRequest request) {
            return request.id().startsWith(type) ? ReadResponse.found(Map.of("id", request.id()), Map.of())
                    : ReadResponse.gone();
        }

        @Override
        public UpdateResponse update(UpdateRequest request) {
            return new UpdateResponse(request.desiredInputs());
        }

        @Override
        public DeleteResponse delete(DeleteRequest request) {
            return DeleteResponse.deleted();
        }

        @Override
        public ImportResponse importResource(ImportRequest request) {
            return ImportResponse.notFound();
        }

        @Override
        public Optional<List<OwnedObject>> findOwned(String stack) {
            return searchable ? Optional.of(List.of(new OwnedObject(Address.of(stack, type), type, type + "-1",
                    Map.of(), Map.of()))) : Optional.empty();
        }
    }

    private static ResourceHandlers handlers() {
        Map<String, ResourceHandler> byType = new LinkedHashMap<>();
        byType.put("t:A", new Handler("t:A", true));
        byType.put("t:B", new Handler("t:B", false));
        byType.put("t:C", new Handler("t:C", true));
        return ResourceHandlers.of("t", byType);
    }

    @Test
    void dispatchesByTypeAndNamesTheKnownTypesForAnUnknownOne() {
        assertThat(handlers().forType("t:B")).isEqualTo(new Handler("t:B", false));
        assertThatThrownBy(() -> handlers().forType("t:Z")).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.kind()).isEqualTo(ProviderException.Kind.FATAL);
            assertThat(e).hasMessage("the t provider has no resource type t:Z; it has t:A, t:B, t:C");
        });
    }

    @Test
    void findOwnedSearchesTheRequestedTypesAndIsSupportedOnlyWhenEachCanBeSearched() {
        FindOwnedResponse searchable = handlers().findOwned(new FindOwnedRequest("s", Set.of("t:C", "t:A")));
        assertThat(searchable.supported()).isTrue();
        assertThat(searchable.objects()).extracting(OwnedObject::type).containsExactly("t:A", "t:C");

        FindOwnedResponse withB = handlers().findOwned(new FindOwnedRequest("s", Set.of("t:A", "t:B")));
        assertThat(withB.supported()).isFalse();
        assertThat(withB.objects()).extracting(OwnedObject::type).containsExactly("t:A");

        FindOwnedResponse unknown = handlers().findOwned(new FindOwnedRequest("s", Set.of("t:A", "t:Z")));
        assertThat(unknown.supported()).isFalse();
        assertThat(unknown.objects()).extracting(OwnedObject::type).containsExactly("t:A");
    }

    @Test
    void findOwnedOfNoTypeSearchesEveryType() {
        FindOwnedResponse all = handlers().findOwned(new FindOwnedRequest("s", Set.of()));
        assertThat(all.objects()).extracting(OwnedObject::address)
                .containsExactly(Address.of("s", "t:A"), Address.of("s", "t:C"));
        assertThat(all.supported()).isFalse();
    }

    @Test
    void readManyReadsEachObjectByDefault() {
        ReadRequest one = new ReadRequest(Address.of("one"), "t:A", "t:A-1", Map.of(), Map.of());
        ReadRequest gone = new ReadRequest(Address.of("gone"), "t:A", "other", Map.of(), Map.of());
        ReadManyResponse read = handlers().forType("t:A").readMany(new ReadManyRequest("t:A", List.of(one, gone)));
        assertThat(read.results()).hasSize(2);
        assertThat(read.results().get(Address.of("one")).inputs()).containsEntry("id", "t:A-1");
        assertThat(read.results().get(Address.of("gone")).exists()).isFalse();
    }

    @Test
    void lookupsAreDispatchedByTypeAndAnUnknownTypeNamesTheKnownOnes() {
        ResourceHandlers handlers = ResourceHandlers.of("box", Map.of()).withLookups(Map.of("box:Box",
                request -> LookupResponse.of(new LookupResponse.Match("box-7", request.filter()))));

        LookupResponse found = handlers.lookup(new LookupRequest(Address.of("b"), "box:Box", Map.of("name", "x")));
        assertThat(found.matches()).extracting(LookupResponse.Match::id).containsExactly("box-7");
        assertThatThrownBy(() -> handlers.lookup(new LookupRequest(Address.of("b"), "box:Crate", Map.of())))
                .isInstanceOf(ProviderException.class).hasMessageContaining("the box provider has no lookup box:Crate; "
                        + "it has box:Box");
    }
}
