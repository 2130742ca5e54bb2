package io.layerline.build.adapter.in.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads typed fields out of a parsed JSON object, recording a field error for each value of the wrong type. */
final class Fields {

    private final Map<String, Object> values;
    private final List<ErrorBody.FieldErrorBody> errors;

    Fields(Map<String, Object> values, List<ErrorBody.FieldErrorBody> errors) {
        this.values = values;
        this.errors = errors;
    }

    String text(String name) {
        Object value = values.get(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        errors.add(new ErrorBody.FieldErrorBody(name, "must be a string"));
        return null;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(String name) {
        Object value = values.get(name);
        if (value == null || value instanceof Map) {
            return (Map<String, Object>) value;
        }
        errors.add(new ErrorBody.FieldErrorBody(name, "must be an object"));
        return null;
    }

    Map<String, String> strings(String name) {
        Map<String, Object> object = object(name);
        Map<String, String> strings = new HashMap<>();
        if (object != null) {
            object.forEach((key, value) -> {
                if (value instanceof String text) {
                    strings.put(key, text);
                } else {
                    errors.add(new ErrorBody.FieldErrorBody(name + "." + key, "must be a string"));
                }
            });
        }
        return strings;
    }

    List<String> list(String name) {
        Object value = values.get(name);
        List<String> list = new ArrayList<>();
        if (value instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof String text) {
                    list.add(text);
                } else {
                    errors.add(new ErrorBody.FieldErrorBody(name, "must hold strings only"));
                }
            }
        } else if (value != null) {
            errors.add(new ErrorBody.FieldErrorBody(name, "must be a list of strings"));
        }
        return list;
    }
}
