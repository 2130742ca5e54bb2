package io.layerline.contracts;

/**
 * One kind of event: its CloudEvents type, payload record, topic and schema.
 *
 * @param ceType      stable logical name with a version, e.g. {@code dev.layerline.image.built.v1}
 * @param name        file name stem of its schema and samples, e.g. {@code image-built}
 * @param version     contract version, also the package of its payload record
 */
public record EventType<T extends LayerlineEvent>(String ceType, String name, int version, Class<T> payloadType,
                                                   String topic) {

    public String schemaResource() {
        return "schemas/v" + version + "/" + name + ".schema.json";
    }

    /** The canonical golden sample; variants beside it are named {@code <name>--<variant>.json}. */
    public String sampleResource() {
        return "samples/v" + version + "/" + name + ".json";
    }

    public String schemaUri() {
        return EventTypes.SCHEMA_BASE_URI + "v" + version + "/" + name + ".schema.json";
    }

    /** The name without its version suffix, e.g. {@code dev.layerline.image.built}: versions of one event share it. */
    public String family() {
        return familyOf(ceType);
    }

    static String familyOf(String ceType) {
        int cut = ceType.lastIndexOf(".v");
        if (cut < 0 || cut + 2 >= ceType.length() || !ceType.substring(cut + 2).chars().allMatch(Character::isDigit)) {
            return ceType;
        }
        return ceType.substring(0, cut);
    }
}
