package dev.incidents.access.organisation;

/**
 * The version number of the running organisation content. The command side reads it from its publication of the
 * content at start, and the query side learns it from the projected versions.
 */
public interface OrganisationVersionSource {

    /** Returns the version of the current content, or 0 while no published version has that content. */
    long currentVersion();
}
