package dev.converge.reliability;

import dev.converge.api.Address;
import dev.converge.api.GenericResource;
import dev.converge.api.Program;
import dev.converge.api.Ref;
import dev.converge.providers.local.LocalFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Random programs for the soak ({@link SoakTest}), each made from a seed, so that a fork and the test build the
 * same one: up to {@value #SLOTS} {@code cloud:Box}es, each present or not, with a value (updated in place),
 * a key (replaced create-before-delete), a slot (replaced delete-before-create) and maybe a reference to a
 * lower box (a dependency); and up to {@value #SLOTS} local files, each present or not, with a content and
 * one of two paths (a path change replaces the file). From one seed to the next, every kind of change
 * happens.
 */
final class SoakPrograms {

    static final int SLOTS = 6;

    /** What a seed declares: the boxes by name with their inputs, the files by path with their contents. */
    record Shape(Map<String, Map<String, String>> boxes, Map<Integer, String> dependencies,
            Map<String, String> files) {

        List<Address> addresses() {
            return boxes.keySet().stream().map(Address::parse).toList();
        }
    }

    private SoakPrograms() {
    }

    static Shape shape(long seed, CrashPrograms.LocalSetup local) {
        Random random = new Random(seed);
        Map<String, Map<String, String>> boxes = new TreeMap<>();
        Map<Integer, String> dependencies = new HashMap<>();
        List<Integer> present = new ArrayList<>();
        for (int i = 0; i < SLOTS; i++) {
            if (random.nextDouble() < 0.6) {
                boxes.put("b" + i, Map.of("value", "v" + random.nextInt(3), "key", "k" + random.nextInt(2),
                        "slot", "s" + i + "-" + random.nextInt(2)));
                if (!present.isEmpty() && random.nextBoolean()) {
                    dependencies.put(i, "b" + present.get(random.nextInt(present.size())));
                }
                present.add(i);
            }
        }
        Map<String, String> files = new TreeMap<>();
        for (int i = 0; i < SLOTS; i++) {
            if (random.nextDouble() < 0.6) {
                files.put(local.files().resolve("f" + i + (random.nextBoolean() ? "-a" : "-b") + ".txt").toString(),
                        "content " + random.nextInt(3));
            }
        }
        return new Shape(boxes, dependencies, files);
    }

    static Program program(long seed, CrashPrograms.LocalSetup local) {
        Shape shape = shape(seed, local);
        return stack -> {
            Map<String, Ref<Map<String, Object>>> refs = new HashMap<>();
            shape.boxes().forEach((name, inputs) -> {
                GenericResource box = GenericResource.of(DurableCloud.BOX, name);
                for (Map.Entry<String, String> input : inputs.entrySet()) {
                    box = box.set(input.getKey(), input.getValue());
                }
                String on = shape.dependencies().get(Integer.parseInt(name.substring(1)));
                refs.put(name, stack.add(on == null ? box : box.set("ref", refs.get(on).output("arn"))));
            });
            for (Map.Entry<String, String> file : shape.files().entrySet()) {
                String slot = Path.of(file.getKey()).getFileName().toString().substring(0, 2);
                stack.add(LocalFile.of("file-" + slot).path(file.getKey()).content(file.getValue()));
            }
        };
    }
}
