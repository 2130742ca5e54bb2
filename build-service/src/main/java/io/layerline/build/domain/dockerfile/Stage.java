package io.layerline.build.domain.dockerfile;

import java.util.List;

/**
 * A build stage: a {@code FROM} and the instructions up to the next one.
 *
 * @param index     0-based, in file order
 * @param name      its {@code AS} name, or null
 * @param from      the {@code FROM} instruction
 * @param written   the base as written after {@code FROM}
 * @param base      the base after {@code ARG} substitution
 * @param baseStage the earlier stage it builds on, or -1 when its base is an image
 */
public record Stage(int index, String name, Instruction from, String written, String base, int baseStage,
                    List<Instruction> instructions) {

    public Stage {
        instructions = List.copyOf(instructions);
    }

    public boolean isScratch() {
        return baseStage < 0 && base.equalsIgnoreCase("scratch");
    }

    /** RUN, COPY and ADD instructions: the layers this stage adds. */
    public long layerInstructions() {
        return instructions.stream().filter(Instruction::createsLayer).count();
    }
}
