package dev.incidents.command.importer;

import java.io.IOException;

/** The body of an import upload ended before the whole file arrived: the client closed the connection or broke off. */
class UploadInterruptedException extends IOException {

    private final long receivedBytes;

    UploadInterruptedException(long receivedBytes, IOException cause) {
        super("the upload ended after " + receivedBytes + " bytes, before the whole file arrived: " + cause, cause);
        this.receivedBytes = receivedBytes;
    }

    long receivedBytes() {
        return receivedBytes;
    }
}
