package dev.incidents.api.query;

/**
 * A change of one incident field. Values are text: enum constant names, raw ids and decimal numbers; null means
 * the field had no value.
 */
public record FieldChange(String field, String oldValue, String newValue) {
}
