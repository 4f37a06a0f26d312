package dev.incidents.access.security;

/** Authentication mode of the API callers. */
public enum SecurityMode {
    /** HTTP Basic against the users of the organisation file and the bcrypt hashes of the password file. */
    BASIC,
    /** OAuth2 resource server: a signed JWT bearer token whose claims name the user, roles and groups. */
    JWT
}
