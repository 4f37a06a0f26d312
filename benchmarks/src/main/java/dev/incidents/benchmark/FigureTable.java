package dev.incidents.benchmark;

import java.util.List;
import java.util.Locale;

/** Formats figures as the Markdown table the suite prints and the benchmark page holds. */
final class FigureTable {

    private FigureTable() {
    }

    static String markdown(List<Figure> figures) {
        StringBuilder table = new StringBuilder();
        table.append("| figure | median | min | max | runs | unit | ratio to baseline | workload |\n");
        table.append("| --- | ---: | ---: | ---: | ---: | --- | --- | --- |\n");
        for (Figure figure : figures) {
            table.append("| ").append(figure.name())
                    .append(" | ").append(number(figure.median()))
                    .append(" | ").append(number(figure.min()))
                    .append(" | ").append(number(figure.max()))
                    .append(" | ").append(figure.runs())
                    .append(" | ").append(figure.unit())
                    .append(" | ").append(figure.ratio() == null ? ""
                            : String.format(Locale.ROOT, "%.2f × %s", figure.ratio(), figure.baseline()))
                    .append(" | ").append(figure.workload())
                    .append(" |\n");
        }
        return table.toString();
    }

    /** Three significant digits, with thousands separated, so that a table of mixed units stays readable. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (magnitude >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
