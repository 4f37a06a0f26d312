package dev.incidents.access.organisation;

/**
 * The version number of the running organisation content. The command side knows it once it has published the
 * content; the query side learns it from the projected versions.
 */
public interface OrganisationVersionSource {

    /** Returns the version of the current content, or 0 while no published version has that content. */
    long currentVersion();
}
