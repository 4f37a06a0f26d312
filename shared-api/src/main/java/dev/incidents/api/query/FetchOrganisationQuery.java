package dev.incidents.api.query;

/**
 * Fetches one published version of the organisation.
 *
 * @param version the version number, or null for the latest version
 */
public record FetchOrganisationQuery(Long version) {
}
