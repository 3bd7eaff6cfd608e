package io.pxweb.jdbc.model;

/**
 * Codelist a variable offers: a grouping ({@code agg_...}) or value set ({@code vs_...}).
 *
 * @param id codelist id as the server gives it, e.g. "agg_KommSummer" (case-sensitive at SSB)
 * @param label label in the metadata's language
 * @param type "Aggregation" or "Valueset"
 */
public record Codelist(String id, String label, String type) {
}
