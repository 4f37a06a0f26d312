package dev.incidents.command.importer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ModCountOrderTest {

    @Test
    void ascendingRowsAreInOrder() {
        assertThat(ModCountOrder.outOfOrder(rows(0, 2, 3, 7))).containsExactly(false, false, false, false);
    }

    @Test
    void earlyRowWithHighCountIsOutOfOrder() {
        assertThat(ModCountOrder.outOfOrder(rows(7, 1, 2, 3, 4, 5, 6, 7)))
                .containsExactly(true, false, false, false, false, false, false, false);
    }

    @Test
    void repeatedCountKeepsLaterRow() {
        assertThat(ModCountOrder.outOfOrder(rows(1, 1, 2, 3))).containsExactly(true, false, false, false);
    }

    @Test
    void lowCountInMiddleIsOutOfOrder() {
        assertThat(ModCountOrder.outOfOrder(rows(1, 2, 0, 3))).containsExactly(false, false, true, false);
    }

    @Test
    void invalidRowsAreIgnored() {
        List<ServiceNowRow> rows = new ArrayList<>(rows(0, 1));
        rows.add(1, row(1, -1, "invalid sys_mod_count"));

        assertThat(ModCountOrder.outOfOrder(rows)).containsExactly(false, false, false);
    }

    private static List<ServiceNowRow> rows(int... modCounts) {
        List<ServiceNowRow> rows = new ArrayList<>();
        for (int modCount : modCounts) {
            rows.add(row(rows.size(), modCount, null));
        }
        return rows;
    }

    private static ServiceNowRow row(int index, int modCount, String invalid) {
        return new ServiceNowRow(index, "Active", 0, 0, modCount, null, null, null, null, null, null, null, null,
                null, null, null, null, null, invalid);
    }
}
