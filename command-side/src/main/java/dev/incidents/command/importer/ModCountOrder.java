package dev.incidents.command.importer;

import java.util.List;

/**
 * Finds the rows of an incident that break the update order. The rows should ascend in {@code sys_mod_count};
 * where they do not, the longest run of rows in file order whose count ascends is kept, and the other rows are out
 * of order. Among runs of equal length the one with later rows wins, because in the development slice of the
 * ServiceNow log each row that breaks the order is an incident's first row, with a count at or above the second's.
 */
final class ModCountOrder {

    private ModCountOrder() {
    }

    /** Returns, for each row, whether it is out of order. Rows with an invalid field are ignored and not marked. */
    static boolean[] outOfOrder(List<ServiceNowRow> rows) {
        int size = rows.size();
        int[] length = new int[size];
        int[] previous = new int[size];
        int end = -1;
        for (int i = 0; i < size; i++) {
            if (rows.get(i).invalid() != null) {
                continue;
            }
            length[i] = 1;
            previous[i] = -1;
            for (int j = 0; j < i; j++) {
                boolean ascends = length[j] > 0 && rows.get(j).modCount() < rows.get(i).modCount();
                if (ascends && length[j] + 1 >= length[i]) {
                    length[i] = length[j] + 1;
                    previous[i] = j;
                }
            }
            if (end < 0 || length[i] >= length[end]) {
                end = i;
            }
        }

        boolean[] outOfOrder = new boolean[size];
        for (int i = 0; i < size; i++) {
            outOfOrder[i] = length[i] > 0;
        }
        for (int i = end; i >= 0; i = previous[i]) {
            outOfOrder[i] = false;
        }
        return outOfOrder;
    }
}
