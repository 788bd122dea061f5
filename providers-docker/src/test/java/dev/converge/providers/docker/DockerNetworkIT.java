package dev.converge.providers.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.api.Address;
import dev.converge.api.ReplacementOrder;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.DiffResponse;
import dev.converge.spi.FindOwnedRequest;
import dev.converge.spi.ImportRequest;
import dev.converge.spi.ImportResponse;
import dev.converge.spi.OwnedObject;
import dev.converge.spi.Ownership;
import dev.converge.spi.PropertyDiff;
import dev.converge.spi.ProviderException;
import dev.converge.spi.ReadManyRequest;
import dev.converge.spi.ReadRequest;
import dev.converge.spi.ReadResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DockerNetworkIT extends DockerItSupport {

    @Test
    void createsWithStackNameAndLabelsReadsBackAndDeletes() {
        DockerNetwork args = DockerNetwork.of("backend").label("tier", "back");
        CreateResponse created = create(args);
        assertThat(created.outputs()).containsEntry("name", stack + "_backend").containsEntry("driver", "bridge");
        assertThat((String) created.outputs().get("subnet")).contains("/");
        var labels = client().inspectNetworkCmd().withNetworkId(created.id()).exec().getLabels();
        assertThat(labels).containsEntry(Ownership.STACK_LABEL, stack).containsEntry(Ownership.ADDRESS_LABEL, "backend")
                .containsEntry("tier", "back");

        ReadResponse read = read(args, created);
        assertThat(diff(args, read.inputs(), args).diffs()).isEmpty();

        assertThat(delete(args, created).alreadyGone()).isFalse();
        assertThat(read(args, created).exists()).isFalse();
    }

    @Test
    void changeReplacesDeleteFirstBecauseTheNameIsStable() {
        DockerNetwork args = DockerNetwork.of("backend");
        CreateResponse created = create(args);
        DockerNetwork internal = args.internal(true);
        DiffResponse diff = diff(args, read(args, created).inputs(), internal);
        assertThat(diff.diffs()).extracting(PropertyDiff::path).containsExactly("internal");
        assertThat(diff.requiresReplacement()).isTrue();
        assertThat(diff.replacementOrder()).isEqualTo(ReplacementOrder.DELETE_BEFORE_CREATE);
        assertThatThrownBy(() -> create(internal)).isInstanceOf(ProviderException.class)
                .hasMessageContaining("already exists");
        delete(args, created);
        CreateResponse replaced = create(internal);
        assertThat(read(internal, replaced).inputs()).containsEntry("internal", true);
    }

    @Test
    void removedOutOfBandReadsAsGone() {
        DockerNetwork args = DockerNetwork.of("backend");
        CreateResponse created = create(args);
        client().removeNetworkCmd(created.id()).exec();
        assertThat(read(args, created).exists()).isFalse();
        assertThat(delete(args, created).alreadyGone()).isTrue();
    }

    @Test
    void readManyListsOnceAndReportsTheGoneOnes() {
        DockerNetwork a = DockerNetwork.of("a");
        DockerNetwork b = DockerNetwork.of("b");
        CreateResponse first = create(a);
        CreateResponse second = create(b);
        client().removeNetworkCmd(second.id()).exec();
        var results = provider.readMany(new ReadManyRequest(DockerSchemas.NETWORK, List.of(
                new ReadRequest(Address.of("a"), DockerSchemas.NETWORK, first.id(), inputs(a), first.outputs()),
                new ReadRequest(Address.of("b"), DockerSchemas.NETWORK, second.id(), inputs(b), second.outputs()))))
                .results();
        assertThat(results.get(Address.of("a")).exists()).isTrue();
        assertThat(results.get(Address.of("a")).inputs()).isEqualTo(read(a, first).inputs());
        assertThat(results.get(Address.of("b")).exists()).isFalse();
    }

    @Test
    void importsByNameAndFindsOwned() {
        CreateResponse created = create(DockerNetwork.of("backend"));
        ImportResponse imported = provider.importResource(new ImportRequest(Address.of("net"), DockerSchemas.NETWORK,
                stack + "_backend", owner("net")));
        assertThat(imported.exists()).isTrue();
        assertThat(imported.id()).isEqualTo(created.id());
        assertThat(imported.inputs()).containsEntry("driver", "bridge").containsEntry("internal", false);
        assertThat(provider.importResource(new ImportRequest(Address.of("x"), DockerSchemas.NETWORK, "nope-" + stack,
                owner("x"))).exists()).isFalse();
        List<OwnedObject> owned = provider.findOwned(new FindOwnedRequest(stack, Set.of(DockerSchemas.NETWORK)))
                .objects();
        assertThat(owned).extracting(OwnedObject::id).containsExactly(created.id());
    }
}
