package dev.incidents.access;

import dev.incidents.api.access.Caller;

/** The caller of the request being served, resolved from the authenticated principal. */
public interface CurrentCaller {

    /** Returns the caller; fails when the request is not authenticated, which the security filters prevent. */
    Caller get();
}
