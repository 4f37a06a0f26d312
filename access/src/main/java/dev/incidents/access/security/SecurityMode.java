package dev.incidents.access.security;

/** How API callers authenticate. */
public enum SecurityMode {
    /** HTTP Basic against the users of the organisation file and the bcrypt hashes of the password file. */
    BASIC,
    /** OAuth2 resource server: a signed JWT bearer token whose claims name the user, roles and groups. */
    JWT
}
