package dev.converge.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Values selected from outputs that hold secrets stay secret; stack reference outputs convert to their type. */
class SelectedSecretsTest {

    private static final Address DB = Address.of("db");

    /** A resolver that knows one resource's outputs: a secret map of credentials beside plain values. */
    private static Output.Resolver outputs() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", "orders");
        values.put("port", 5432L);
        values.put("data", Secret.of(Map.of("password", "hunter2-canary", "user", "orders-app")));
        return address -> address.equals(DB) ? Optional.of(values) : Optional.empty();
    }

    private static <T> Output.Resolution<T> resolve(java.util.function.Function<Map<String, Object>, T> selector) {
        return Ref.<Map<String, Object>>of(DB, "fake:Db", map -> map).output(selector).resolve(outputs());
    }

    @Test
    void aSelectorSeesSecretsRevealedAndWhatItTakesFromThemStaysSecret() {
        Output.Resolution<Object> password = resolve(values -> ((Map<?, ?>) values.get("data")).get("password"));
        assertThat(password.value()).isEqualTo("hunter2-canary");
        assertThat(password.secret()).isTrue();

        Output.Resolution<String> url = resolve(values -> "postgres://" + ((Map<?, ?>) values.get("data")).get("user")
                + "@db/" + values.get("name"));
        assertThat(url.value()).isEqualTo("postgres://orders-app@db/orders");
        assertThat(url.secret()).as("built from a secret inside the selector").isTrue();
        assertThat(resolve(values -> List.of(values.get("data"))).secret()).isTrue();
    }

    @Test
    void valuesThatHoldNoSecretStayPlain() {
        assertThat(resolve(values -> values.get("name")).secret()).isFalse();
        assertThat(resolve(values -> values.get("port")).secret()).isFalse();
        assertThat(resolve(values -> "db-" + values.get("port")).value()).isEqualTo("db-5432");
    }

    @Test
    void stackReferenceOutputsConvertToTheirTypeAndRecordWhatWasAskedFor() {
        Map<String, Object> values = Map.of("port", 5432L, "tags", Map.of("a", "b"), "pw", Secret.of("s3cret-value"));
        StackReference net = StackReference.of(Address.of("stack:network"), "network");
        Output.Resolver resolver = address -> Optional.of(values);

        assertThat(net.output("port").resolve(resolver).value()).isEqualTo("5432");
        assertThat(net.output("port", Integer.class).resolve(resolver).value()).isEqualTo(5432);
        assertThat(net.output("tags", Map.class).resolve(resolver).value()).isEqualTo(Map.of("a", "b"));
        Output.Resolution<String> pw = net.output("pw").resolve(resolver);
        assertThat(pw.value()).isEqualTo("s3cret-value");
        assertThat(pw.secret()).isTrue();
        assertThat(net.secretOutput("port").resolve(resolver).secret()).isTrue();
        assertThatThrownBy(() -> net.output("tags").resolve(resolver)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("output 'tags' of stack 'network' is a Map, not a String; read it with "
                        + "output(\"tags\", Map.class)");
        assertThat(net.typeProblem("tags", Map.of())).contains("output 'tags' of stack 'network' is a Map, not a "
                + "String; read it with output(\"tags\", Map.class)");
        assertThat(net.typeProblem("port", 1L)).isEmpty();
        assertThat(net.typeProblem("pw", Secret.of("s3cret-value"))).isEmpty();
        assertThat(net.typeProblem("pw", Secret.of(Map.of()))).hasValueSatisfying(problem -> assertThat(problem)
                .contains("is a Map, not a String").doesNotContain("s3cret"));
        assertThat(net.requestedOutputs()).containsExactlyInAnyOrder("port", "tags", "pw");
        assertThat(net.output("later").resolve(address -> Optional.empty()).known()).isFalse();
    }
}
