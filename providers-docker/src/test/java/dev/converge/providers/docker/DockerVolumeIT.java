package dev.converge.providers.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.api.Address;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.FindOwnedRequest;
import dev.converge.spi.ImportRequest;
import dev.converge.spi.OwnedObject;
import dev.converge.spi.ProviderException;
import dev.converge.spi.ReadManyRequest;
import dev.converge.spi.ReadRequest;
import dev.converge.spi.ReadResponse;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DockerVolumeIT extends DockerItSupport {

    @Test
    void createsReadsBackAndDeletes() {
        DockerVolume args = DockerVolume.of("data").label("kind", "ledger");
        CreateResponse created = create(args);
        assertThat(created.id()).isEqualTo(stack + "_data");
        assertThat((String) created.outputs().get("mountpoint")).isNotBlank();
        ReadResponse read = read(args, created);
        assertThat(diff(args, read.inputs(), args).diffs()).isEmpty();
        assertThat(delete(args, created).alreadyGone()).isFalse();
        assertThat(read(args, created).exists()).isFalse();
        assertThat(delete(args, created).alreadyGone()).isTrue();
    }

    @Test
    void changeReplacesDeleteFirstUnderTheSameName() {
        DockerVolume before = DockerVolume.of("data").label("kind", "ledger");
        DockerVolume after = DockerVolume.of("data").label("kind", "archive");
        CreateResponse created = create(before);
        var diff = diff(before, read(before, created).inputs(), after);
        assertThat(diff.diffs()).extracting(d -> d.path()).containsExactly("labels.kind");
        assertThat(diff.requiresReplacement()).isTrue();
        assertThat(diff.replacementOrder()).isEqualTo(dev.converge.api.ReplacementOrder.DELETE_BEFORE_CREATE);
        assertThatThrownBy(() -> create(after)).isInstanceOf(ProviderException.class)
                .hasMessageContaining("already exists").hasMessageContaining("import");
        delete(before, created);
        CreateResponse replaced = create(after);
        assertThat(replaced.id()).isEqualTo(created.id());
        assertThat(diff(after, read(after, replaced).inputs(), after).diffs()).isEmpty();
    }

    @Test
    void dataSurvivesContainerReplacement() {
        DockerVolume volume = DockerVolume.of("data");
        CreateResponse vol = create(volume);
        DockerContainer writer = DockerContainer.of("writer").image(BUSYBOX).init(true)
                .mount(vol.id(), "/data", false)
                .command("sh", "-c", "echo balance=42 > /data/ledger; exec sleep 600");
        CreateResponse first = create(writer);
        delete(writer, first);
        DockerContainer reader = DockerContainer.of("writer").image(BUSYBOX).init(true)
                .mount(vol.id(), "/data", true)
                .command("sh", "-c", "grep balance=42 /data/ledger && exec sleep 600");
        CreateResponse second = create(reader);
        assertThat(read(reader, second).inputs()).containsEntry("running", true);
        assertThatThrownBy(() -> delete(volume, vol)).isInstanceOf(ProviderException.class)
                .hasMessageContaining("still mounted");
    }

    @Test
    void readManyListsOnceAndReportsTheGoneOnes() {
        DockerVolume a = DockerVolume.of("a");
        DockerVolume b = DockerVolume.of("b");
        CreateResponse first = create(a);
        CreateResponse second = create(b);
        client().removeVolumeCmd(second.id()).exec();
        var results = provider.readMany(new ReadManyRequest(DockerSchemas.VOLUME, java.util.List.of(
                new ReadRequest(Address.of("a"), DockerSchemas.VOLUME, first.id(), inputs(a), first.outputs()),
                new ReadRequest(Address.of("b"), DockerSchemas.VOLUME, second.id(), inputs(b), second.outputs()))))
                .results();
        assertThat(results.get(Address.of("a")).inputs()).isEqualTo(read(a, first).inputs());
        assertThat(results.get(Address.of("b")).exists()).isFalse();
    }

    @Test
    void removedOutOfBandReadsAsGoneAndImportsByName() {
        DockerVolume args = DockerVolume.of("data");
        CreateResponse created = create(args);
        assertThat(provider.importResource(new ImportRequest(Address.of("data"), DockerSchemas.VOLUME, created.id(),
                owner("data"))).inputs()).containsEntry("driver", "local");
        assertThat(provider.findOwned(new FindOwnedRequest(stack, Set.of(DockerSchemas.VOLUME))).objects())
                .extracting(OwnedObject::id).containsExactly(created.id());
        client().removeVolumeCmd(created.id()).exec();
        assertThat(read(args, created).exists()).isFalse();
        assertThat(provider.importResource(new ImportRequest(Address.of("data"), DockerSchemas.VOLUME, created.id(),
                owner("data"))).exists()).isFalse();
    }
}
