package dev.incidents.command.organisation;

import dev.incidents.access.organisation.OrganisationVersionSource;
import org.springframework.stereotype.Component;

import java.util.concurrent.atomic.AtomicLong;

/** The version the command side published at start; 0 until the publication has completed. */
@Component
class PublishedOrganisationVersion implements OrganisationVersionSource {

    private final AtomicLong version = new AtomicLong();

    @Override
    public long currentVersion() {
        return version.get();
    }

    void set(long published) {
        version.set(published);
    }
}
