package dev.incidents.command.config;

/**
 * H2 reads its bind address once, from the system property {@code h2.bindAddress}, when its settings class
 * loads; without it the TCP server listens on every interface. Setting it before the first H2 server starts keeps
 * the event store on the loopback address.
 */
final class H2BindAddress {

    private static final String PROPERTY = "h2.bindAddress";

    private H2BindAddress() {
    }

    static void apply(String bindAddress) {
        String current = System.getProperty(PROPERTY);
        if (current == null) {
            System.setProperty(PROPERTY, bindAddress);
        }
    }
}
