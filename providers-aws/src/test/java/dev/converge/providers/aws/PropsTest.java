package dev.converge.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.api.Address;
import dev.converge.spi.Ownership;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PropsTest {

    @Test
    void ownershipTagsAreAddedOnCreateAndHiddenOnRead() {
        Map<String, String> tags = Props.tagsWithOwner(Map.of("tags", Map.of("team", "ops")),
                new Ownership("dev", Address.of("app", "bucket")));
        assertThat(tags).containsEntry("team", "ops").containsEntry(Ownership.STACK_LABEL, "dev")
                .containsEntry(Ownership.ADDRESS_LABEL, "app/bucket");
        assertThat(Props.visibleTags(tags)).isEqualTo(Map.of("team", "ops"));
        assertThat(Props.ownedAddress(tags, "dev")).isEqualTo("app/bucket");
        assertThat(Props.ownedAddress(tags, "prod")).isNull();
    }

    @Test
    void tagChangesNeverTouchOwnershipTags() {
        Props.TagChange change = Props.tagChange(Map.of("converge.stack", "dev", "old", "1", "keep", "x"),
                Map.of("keep", "x", "new", "2"));
        assertThat(change.remove()).containsExactly("old");
        assertThat(change.set()).isEqualTo(Map.of("new", "2"));
        assertThat(Props.tagChange(Map.of("a", "1"), Map.of("a", "1")).isEmpty()).isTrue();
    }

    @Test
    void observedInputsAreLimitedToDeclaredPropertiesExceptOnImport() {
        Map<String, Object> observed = Map.of("queueName", "q", "visibilityTimeout", 30, "arn", "arn:x");
        assertThat(Props.observedInputs(observed, Map.of("queueName", "q"), List.of("arn")))
                .isEqualTo(Map.of("queueName", "q"));
        assertThat(Props.observedInputs(observed, Map.of(), List.of("arn")))
                .isEqualTo(Map.of("queueName", "q", "visibilityTimeout", 30L));
    }

    @Test
    void sameJsonIgnoresFormattingButNotContent() {
        assertThat(Props.sameJson("{\"a\":1,\"b\":[1,2]}", "{ \"b\": [1, 2], \"a\": 1 }")).isTrue();
        assertThat(Props.sameJson("{\"a\":1}", "{\"a\":2}")).isFalse();
        assertThat(Props.sameJson("not json", "{}")).isFalse();
        assertThat(Props.keepDeclaredJson("{\"a\": 1}", "{\"a\":1}")).isEqualTo("{\"a\": 1}");
    }
}
