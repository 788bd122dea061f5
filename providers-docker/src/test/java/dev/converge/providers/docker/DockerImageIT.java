package dev.converge.providers.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.api.Address;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.DiffResponse;
import dev.converge.spi.FindOwnedRequest;
import dev.converge.spi.ImportRequest;
import dev.converge.spi.ImportResponse;
import dev.converge.spi.OwnedObject;
import dev.converge.spi.PropertyDiff;
import dev.converge.spi.ProviderException;
import dev.converge.spi.ReadResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerImageIT extends DockerItSupport {

    @TempDir
    Path context;

    private DockerImage image() throws IOException {
        Files.writeString(context.resolve("Dockerfile"), "FROM " + BUSYBOX + "\nCOPY hello.txt /hello.txt\n"
                + "CMD [\"cat\", \"/hello.txt\"]\n");
        return DockerImage.of("app").image(stack + "/app:1").context(context);
    }

    @Test
    void buildsReadsBackRebuildsOnContentChangeAndDeletes() throws IOException {
        Files.writeString(context.resolve("hello.txt"), "v1\n");
        DockerImage v1 = image();
        CreateResponse first = create(v1);
        assertThat(first.id()).startsWith("sha256:").isEqualTo(first.outputs().get("imageId"));
        ReadResponse read = read(v1, first);
        assertThat(diff(v1, read.inputs(), v1).diffs()).isEmpty();

        Files.writeString(context.resolve("hello.txt"), "v2\n");
        DockerImage v2 = image();
        DiffResponse diff = diff(v1, read.inputs(), v2);
        assertThat(diff.diffs()).extracting(PropertyDiff::path).containsExactly("contextHash");
        assertThat(diff.requiresReplacement()).isTrue();

        CreateResponse second = create(v2);
        assertThat(second.id()).isNotEqualTo(first.id());
        delete(v1, first); // the old, now untagged build goes; the new one keeps the tag
        assertThat(read(v1, first).exists()).isFalse();
        assertThat(read(v2, second).exists()).isTrue();
        assertThat(client().inspectImageCmd(stack + "/app:1").exec().getId()).isEqualTo(second.id());

        delete(v2, second);
        assertThat(read(v2, second).exists()).isFalse();
    }

    @Test
    void rebuildOutOfBandShowsAsDrift() throws IOException {
        Files.writeString(context.resolve("hello.txt"), "v1\n");
        DockerImage v1 = image();
        CreateResponse first = create(v1);
        Files.writeString(context.resolve("Dockerfile"), "FROM " + BUSYBOX + "\nLABEL other=build\n");
        client().buildImageCmd(context.toFile()).withTags(Set.of(stack + "/app:1"))
                .exec(new com.github.dockerjava.api.command.BuildImageResultCallback()).awaitImageId();
        ReadResponse read = read(v1, first);
        assertThat(read.exists()).isTrue();
        assertThat(diff(v1, read.inputs(), v1).diffs()).extracting(PropertyDiff::path).containsExactly("contextHash");
        client().removeImageCmd(stack + "/app:1").exec();
        delete(v1, first);
    }

    @Test
    void referencesALocalImageWithoutOwningIt() {
        DockerImage base = DockerImage.of("base").image(BUSYBOX);
        CreateResponse created = create(base);
        assertThat(created.outputs()).containsEntry("managed", false);
        assertThat(read(base, created).exists()).isTrue();
        delete(base, created);
        assertThat(client().inspectImageCmd(BUSYBOX).exec().getId()).isEqualTo(created.id());
    }

    @Test
    void missingImageWithoutRegistryFailsClearly() {
        DockerImage missing = DockerImage.of("missing").image("converge-test/does-not-exist:1");
        assertThatThrownBy(() -> create(missing)).isInstanceOf(ProviderException.class)
                .hasMessageContaining("converge-test/does-not-exist:1")
                .hasMessageContaining("could not be pulled")
                .hasMessageContaining("build-base-images.sh");
    }

    @Test
    void buildFailureNamesTheResource() throws IOException {
        Files.writeString(context.resolve("Dockerfile"), "FROM " + BUSYBOX + "\nRUN exit 7\n");
        DockerImage broken = DockerImage.of("broken").image(stack + "/broken:1").context(context);
        assertThatThrownBy(() -> create(broken)).isInstanceOf(ProviderException.class)
                .hasMessageContaining("broken").hasMessageContaining("failed");
    }

    @Test
    void importsAndFindsOwned() throws IOException {
        Files.writeString(context.resolve("hello.txt"), "v1\n");
        CreateResponse created = create(image());
        ImportResponse imported = provider.importResource(new ImportRequest(Address.of("app"), DockerSchemas.IMAGE,
                stack + "/app:1", owner("app")));
        assertThat(imported.id()).isEqualTo(created.id());
        assertThat(provider.findOwned(new FindOwnedRequest(stack, Set.of(DockerSchemas.IMAGE))).objects())
                .extracting(OwnedObject::id).containsExactly(created.id());
    }
}
