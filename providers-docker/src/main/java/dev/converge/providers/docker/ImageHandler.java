package dev.converge.providers.docker;

import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Image;
import dev.converge.api.Address;
import dev.converge.spi.CreateRequest;
import dev.converge.spi.CreateResponse;
import dev.converge.spi.DeleteRequest;
import dev.converge.spi.DeleteResponse;
import dev.converge.spi.ImportRequest;
import dev.converge.spi.ImportResponse;
import dev.converge.spi.LookupRequest;
import dev.converge.spi.LookupResponse;
import dev.converge.spi.OwnedObject;
import dev.converge.spi.Ownership;
import dev.converge.spi.ProviderException;
import dev.converge.spi.ReadRequest;
import dev.converge.spi.ReadResponse;
import dev.converge.spi.Values;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The Docker calls behind {@code docker:Image}. A built image ({@code managed}) is removed on
 * delete; a referenced image is only checked (and pulled when absent) and never removed.
 * Thread-safe.
 */
final class ImageHandler extends DockerHandler {

    private final Path workDir;

    ImageHandler(DockerConnection docker, Path workDir) {
        super(docker);
        this.workDir = workDir;
    }

    @Override
    public CreateResponse create(CreateRequest request) {
        Map<String, Object> inputs = Values.normalizeMap(request.inputs());
        String reference = Values.string(inputs, "image");
        String context = Values.string(inputs, "context");
        InspectImageResponse image = context == null
                ? ensurePresent(request.address(), reference, orDefault(request.timeout()))
                : build(request, inputs, reference, workDir.resolve(context).normalize());
        return new CreateResponse(image.getId(), outputs(inputs, image, context != null));
    }

    private InspectImageResponse build(CreateRequest request, Map<String, Object> inputs, String reference,
            Path context) {
        String declared = Values.string(inputs, "dockerfile");
        String dockerfile = declared == null ? "Dockerfile" : declared;
        if (!Files.isRegularFile(context.resolve(dockerfile))) {
            throw ProviderException.fatal("image " + request.address() + ": no " + dockerfile + " in build context "
                    + context + "; set context(...) to the directory that holds it");
        }
        Map<String, String> labels = Labels.withOwner(inputs, request.owner());
        String hash = Values.string(inputs, "contextHash");
        labels.put(DockerSchemas.CONTEXT_HASH_LABEL, hash == null ? ContextHash.of(context) : hash);
        BuildImageCmd cmd = docker.client().buildImageCmd().withBaseDirectory(context.toFile())
                .withDockerfile(new File(context.toFile(), dockerfile)).withTags(Set.of(reference))
                .withLabels(labels).withPull(false).withRemove(true).withForcerm(true);
        Values.mapOf(inputs, "buildArgs").forEach((key, value) -> cmd.withBuildArg(key, String.valueOf(value)));
        Duration timeout = orDefault(request.timeout());
        String id;
        try {
            id = docker.call("build image " + reference + " for " + request.address(),
                    () -> cmd.exec(new BuildImageResultCallback()).awaitImageId(timeout.toSeconds(), TimeUnit.SECONDS));
        } catch (ProviderException e) {
            throw ProviderException.fatal("image " + request.address() + ": building " + reference + " from " + context
                    + " failed: " + e.getMessage(), e);
        }
        return inspect(id);
    }

    /** The local image, pulled when absent; a clear error when it cannot be had. */
    private InspectImageResponse ensurePresent(Address address, String reference, Duration timeout) {
        InspectImageResponse local = find(reference);
        if (local != null) {
            return local;
        }
        try {
            docker.client().pullImageCmd(reference).start().awaitCompletion(timeout.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            throw ProviderException.fatal("image " + address + ": " + reference + " is not in the Docker daemon at "
                    + docker.host() + " and could not be pulled (" + DockerConnection.clean(e.getMessage())
                    + "); build it locally (scripts/docker/build-base-images.sh builds the converge/* base images)"
                    + " or give the DockerImage a context to build from", e);
        }
        InspectImageResponse pulled = find(reference);
        if (pulled == null) {
            throw ProviderException.fatal("image " + address + ": " + reference + " is not in the Docker daemon at "
                    + docker.host() + " and the pull did not provide it; build it locally or check the name");
        }
        return pulled;
    }

    @Override
    public ReadResponse read(ReadRequest request) {
        Map<String, Object> prior = Values.normalizeMap(request.priorInputs());
        String reference = Values.string(prior, "image");
        InspectImageResponse ours = find(request.id());
        InspectImageResponse tagged = reference == null ? null : find(reference);
        if (ours == null || tagged == null) {
            return ReadResponse.gone(); // the image or its tag is gone: it must be built or pulled again
        }
        boolean managed = prior.containsKey("context");
        Map<String, Object> observed = new LinkedHashMap<>(prior);
        if (managed) {
            // The tag may have moved to an image built elsewhere; its label shows which sources it has.
            Map<String, String> labels = tagged.getConfig() == null ? null : tagged.getConfig().getLabels();
            Object hash = labels == null ? null : labels.get(DockerSchemas.CONTEXT_HASH_LABEL);
            if (hash == null) {
                observed.remove("contextHash");
            } else {
                observed.put("contextHash", hash);
            }
        }
        return ReadResponse.found(observed, outputs(observed, ours, managed));
    }

    @Override
    public DeleteResponse delete(DeleteRequest request) {
        boolean managed = Values.bool(request.outputs(), "managed", request.inputs().containsKey("context"));
        if (!managed) {
            return DeleteResponse.deleted(); // a referenced image belongs to whoever made it
        }
        InspectImageResponse image = find(request.id());
        if (image == null) {
            return new DeleteResponse(true);
        }
        String reference = Values.string(request.inputs(), "image");
        List<String> tags = image.getRepoTags() == null ? List.of() : image.getRepoTags();
        // Remove our tag if it still points here (Docker deletes the image with its last tag);
        // an image whose tag moved on to a rebuild is removed by id.
        String target = reference != null && tags.contains(normalizeTag(reference)) ? reference
                : tags.isEmpty() ? request.id() : null;
        if (target == null) {
            return DeleteResponse.deleted(); // only tags someone else set remain: leave it to them
        }
        try {
            docker.run("remove image " + target + " of " + request.address(),
                    () -> docker.client().removeImageCmd(target).withForce(false).exec());
        } catch (NotFoundException e) {
            return new DeleteResponse(true);
        } catch (ConflictException e) {
            if (target.equals(request.id())) {
                throw ProviderException.retryable("image " + request.address() + " (" + target + ") is still used"
                        + " by a container (" + DockerConnection.clean(e.getMessage()) + "); remove that container"
                        + " first", e);
            }
            // Our tag names an image a container still runs (by id, as a strategy's instances do, or through
            // another tag of the same content): remove only the tag; Docker keeps the content while it is used.
            docker.run("untag image " + target + " of " + request.address(),
                    () -> docker.client().removeImageCmd(target).withForce(true).withNoPrune(true).exec());
        }
        return DeleteResponse.deleted();
    }

    @Override
    public ImportResponse importResource(ImportRequest request) {
        String nameOrId = request.id();
        InspectImageResponse image = find(nameOrId);
        if (image == null) {
            return ImportResponse.notFound();
        }
        Map<String, Object> inputs = Map.of("image", nameOrId.startsWith("sha256:") && image.getRepoTags() != null
                && !image.getRepoTags().isEmpty() ? image.getRepoTags().get(0) : nameOrId);
        return new ImportResponse(true, image.getId(), inputs, outputs(inputs, image, false));
    }

    @Override
    public Optional<List<OwnedObject>> findOwned(String stack) {
        List<Image> images = docker.call("list images of stack " + stack,
                () -> docker.client().listImagesCmd().withLabelFilter(Map.of(Ownership.STACK_LABEL, stack)).exec());
        List<OwnedObject> owned = new ArrayList<>();
        for (Image image : images) {
            Address address = Address.parse(image.getLabels().get(Ownership.ADDRESS_LABEL));
            Map<String, Object> inputs = new LinkedHashMap<>();
            if (image.getRepoTags() != null && image.getRepoTags().length > 0) {
                inputs.put("image", image.getRepoTags()[0]);
            }
            String hash = image.getLabels().get(DockerSchemas.CONTEXT_HASH_LABEL);
            if (hash != null) {
                inputs.put("contextHash", hash);
            }
            Map<String, Object> outputs = new LinkedHashMap<>(inputs);
            outputs.put("imageId", image.getId());
            outputs.put("managed", true);
            owned.add(new OwnedObject(address, DockerSchemas.IMAGE, image.getId(), inputs, outputs));
        }
        return Optional.of(owned);
    }

    /** The image the filter names, if the daemon has it (with the labels asked for); nothing is pulled. */
    LookupResponse lookup(LookupRequest request) {
        String reference = Values.string(request.filter(), "image");
        InspectImageResponse image = find(reference);
        Map<String, String> labels = image == null || image.getConfig() == null ? null : image.getConfig().getLabels();
        if (image == null || !DockerLookups.hasLabels(request.filter(), labels)) {
            return LookupResponse.none();
        }
        Map<String, Object> outputs = new LinkedHashMap<>(outputs(Map.of("image", reference), image, false));
        outputs.put("repoTags", image.getRepoTags() == null ? List.of() : image.getRepoTags());
        outputs.remove("managed");
        return LookupResponse.of(new LookupResponse.Match(image.getId(), outputs));
    }

    /** Docker lists tags with the registry's implied {@code :latest}. */
    private static String normalizeTag(String reference) {
        int slash = reference.lastIndexOf('/');
        return reference.indexOf(':', slash + 1) < 0 ? reference + ":latest" : reference;
    }

    private InspectImageResponse find(String nameOrId) {
        try {
            return inspect(nameOrId);
        } catch (NotFoundException e) {
            return null;
        }
    }

    private InspectImageResponse inspect(String nameOrId) {
        return docker.call("inspect image " + nameOrId, () -> docker.client().inspectImageCmd(nameOrId).exec());
    }

    private static Map<String, Object> outputs(Map<String, Object> inputs, InspectImageResponse image,
            boolean managed) {
        Map<String, Object> out = new LinkedHashMap<>(inputs);
        out.put("imageId", image.getId());
        out.put("managed", managed);
        return Values.normalizeMap(out);
    }
}
