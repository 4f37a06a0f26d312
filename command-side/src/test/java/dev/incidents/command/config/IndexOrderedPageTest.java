package dev.incidents.command.config;

import de.bwaldvogel.mongo.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class IndexOrderedPageTest {

    @Test
    void skipsMatchesThenTakesLimit() {
        IndexOrderedPage page = new IndexOrderedPage(2, 2, document -> document.get("state").equals("NEW"),
                document -> true);

        List<Boolean> wantsMore = List.of(
                page.offer("INC1", position -> incident("INC1", "NEW")),
                page.offer("INC2", position -> incident("INC2", "CLOSED")),
                page.offer("INC3", position -> incident("INC3", "NEW")),
                page.offer("INC4", position -> null),
                page.offer("INC5", position -> incident("INC5", "NEW")),
                page.offer("INC6", position -> incident("INC6", "NEW")));

        assertThat(wantsMore).containsExactly(true, true, true, true, true, false);
        assertThat(page.documents()).extracting(document -> document.get("_id")).containsExactly("INC5", "INC6");
        assertThat(page.unordered()).isFalse();
    }

    @Test
    void noLimitTakesEverythingAfterOffset() {
        IndexOrderedPage page = new IndexOrderedPage(1, 0, document -> true, document -> true);

        page.offer("INC1", position -> incident("INC1", "NEW"));
        page.offer("INC2", position -> incident("INC2", "NEW"));
        boolean wantsMore = page.offer("INC3", position -> incident("INC3", "NEW"));

        assertThat(wantsMore).isTrue();
        assertThat(page.documents()).extracting(document -> document.get("_id")).containsExactly("INC2", "INC3");
    }

    @Test
    void skipsWithoutReadingWhenAllMatch() {
        IndexOrderedPage page = new IndexOrderedPage(2, 1, null, document -> true);
        List<Object> read = new ArrayList<>();
        Function<Object, Document> reader = position -> {
            read.add(position);
            return incident((String) position, "NEW");
        };

        for (String position : List.of("INC1", "INC2", "INC3")) {
            page.offer(position, reader);
        }

        assertThat(read).containsExactly("INC3");
        assertThat(page.documents()).extracting(document -> document.get("_id")).containsExactly("INC3");
    }

    @Test
    void repeatedPositionIsUnordered() {
        IndexOrderedPage page = new IndexOrderedPage(0, 10, document -> true, document -> true);

        page.offer("INC1", position -> incident("INC1", "NEW"));
        boolean wantsMore = page.offer("INC1", position -> incident("INC1", "NEW"));

        assertThat(wantsMore).isFalse();
        assertThat(page.unordered()).isTrue();
    }

    @Test
    void arraySortValueIsUnordered() {
        IndexOrderedPage page = new IndexOrderedPage(0, 10, document -> true,
                document -> !(document.get("tags") instanceof List<?>));

        page.offer("INC1", position -> incident("INC1", "NEW"));
        boolean wantsMore = page.offer("INC2", position -> incident("INC2", "NEW").append("tags", List.of("a", "b")));

        assertThat(wantsMore).isFalse();
        assertThat(page.unordered()).isTrue();
    }

    private static Document incident(String id, String state) {
        return new Document("_id", id).append("state", state);
    }
}
