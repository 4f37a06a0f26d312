package dev.incidents.access.security;

import dev.incidents.access.CurrentCaller;
import dev.incidents.api.access.Caller;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A web application with only the shared security and one endpoint that returns the current caller. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({AccessConfiguration.class, AccessTestApplication.CallerController.class})
class AccessTestApplication {

    @RestController
    static class CallerController {

        private final CurrentCaller currentCaller;

        CallerController(CurrentCaller currentCaller) {
            this.currentCaller = currentCaller;
        }

        @GetMapping("/api/caller")
        Caller caller() {
            return currentCaller.get();
        }
    }
}
