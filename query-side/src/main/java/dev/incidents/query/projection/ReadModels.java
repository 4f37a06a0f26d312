package dev.incidents.query.projection;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

/** Every read model of the query side, by the name of its streaming processor. */
@Component
class ReadModels {

    private final Map<String, ReadModel> byProcessor = new TreeMap<>();

    ReadModels(List<ReadModel> readModels) {
        for (ReadModel readModel : readModels) {
            ReadModel previous = byProcessor.put(readModel.processingGroup(), readModel);
            if (previous != null) {
                throw new IllegalStateException("two read models use the processing group "
                        + readModel.processingGroup() + ": " + previous.getClass().getName() + " and "
                        + readModel.getClass().getName());
            }
        }
    }

    /** Returns the read model built by {@code processor}, or raises a 404 failure that lists the known names. */
    ReadModel get(String processor) {
        ReadModel readModel = byProcessor.get(processor);
        if (readModel == null) {
            throw new ProjectionNotFoundException(processor, names());
        }
        return readModel;
    }

    /** Returns the processor names in alphabetical order. */
    List<String> names() {
        return List.copyOf(byProcessor.keySet());
    }
}
