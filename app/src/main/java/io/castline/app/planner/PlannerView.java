package io.castline.app.planner;

import io.castline.app.ui.Css;
import io.castline.app.ui.Forms;
import io.castline.app.ui.StudioIcon;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;

/**
 * The bandwidth planner's content: the audience inputs (viewers, an average bitrate or a ladder of
 * renditions with viewer shares, the safety factor) with their problems under each field, the
 * distribution total and per-rendition loads, and this machine's uplink plan for the current settings.
 */
public final class PlannerView extends VBox {
    private final PlannerViewModel vm;
    private final GridPane ladderGrid = new GridPane();
    /** Undoes the bindings of the ladder rows on screen (they are rebuilt when a rung is added or removed). */
    private final List<Runnable> ladderUnbind = new ArrayList<>();

    public PlannerView(PlannerViewModel vm) {
        this.vm = vm;
        getStyleClass().add(Css.PLANNER);
        setId("planner");
        setSpacing(10);
        setPadding(new Insets(4, 4, 4, 4));
        setPrefWidth(580);
        getChildren().addAll(audience(), new Separator(), distribution(), new Separator(), uplink());
    }

    // ---- inputs ------------------------------------------------------------------------------

    private Node audience() {
        GridPane g = Forms.grid();
        int row = 0;
        g.add(section("Audience", StudioIcon.AUDIENCE), 0, row++, 2, 1);
        row = addRow(g, row, "Concurrent viewers", text("planner-viewers", vm.viewers(), "e.g. 100000 or 100k"), vm.viewers(),
                "planner-viewers");

        ToggleGroup mode = new ToggleGroup();
        RadioButton average = new RadioButton("Average bitrate");
        average.setId("planner-mode-average");
        average.setToggleGroup(mode);
        RadioButton ladder = new RadioButton("Ladder of renditions");
        ladder.setId("planner-mode-ladder");
        ladder.setToggleGroup(mode);
        (vm.ladderModeProperty().get() ? ladder : average).setSelected(true);
        ladder.selectedProperty().addListener((o, a, b) -> vm.ladderModeProperty().set(b));
        vm.ladderModeProperty().addListener((o, a, b) -> (b ? ladder : average).setSelected(true));
        HBox modes = new HBox(16, average, ladder);
        modes.setAlignment(Pos.CENTER_LEFT);
        row = addRow(g, row, "Bitrate per viewer", modes, null, null);

        TextField bitrate = text("planner-bitrate", vm.bitrate(), "e.g. 2M or 2500k (what a viewer receives)");
        Label bitrateLabel = new Label("Average bitrate");
        // with a ladder the average comes from the renditions: the field goes, its error label follows it
        bitrate.visibleProperty().bind(vm.ladderModeProperty().not());
        bitrateLabel.visibleProperty().bind(bitrate.visibleProperty());
        bitrate.managedProperty().bind(bitrate.visibleProperty());
        bitrateLabel.managedProperty().bind(bitrate.visibleProperty());
        row = addRow(g, row, bitrateLabel, bitrate, vm.bitrate(), "planner-bitrate");

        VBox ladderBox = ladderEditor();
        ladderBox.visibleProperty().bind(vm.ladderModeProperty());
        ladderBox.managedProperty().bind(ladderBox.visibleProperty());
        g.add(ladderBox, 0, row++, 2, 1);

        row = addRow(g, row, "Safety factor", text("planner-factor", vm.factor(), "1.5"), vm.factor(), "planner-factor");
        g.add(Forms.hint("Safety factor: headroom for peaks, retries and players switching up; 1.5 is usual."), 0, row, 2, 1);
        return g;
    }

    private VBox ladderEditor() {
        ladderGrid.setHgap(8);
        ladderGrid.setVgap(4);
        ladderGrid.setId("planner-ladder");
        ColumnConstraints name = new ColumnConstraints(120);
        ColumnConstraints rate = new ColumnConstraints(140);
        ColumnConstraints share = new ColumnConstraints(110);
        ladderGrid.getColumnConstraints().addAll(name, rate, share, new ColumnConstraints());
        showLadder();
        vm.ladder().addListener((ListChangeListener<RenditionRow>) c -> showLadder());

        Button add = new Button("Add rendition", StudioIcon.ADD.node(14));
        add.setId("planner-rendition-add");
        add.getStyleClass().add("small-button");
        add.setOnAction(e -> vm.addRendition());
        Label error = Forms.fieldError("planner-ladder-error", vm.ladderErrorProperty(), vm.ladderErrorProperty().isNotEmpty());
        VBox box = new VBox(6, ladderGrid, error, add);
        box.setPadding(new Insets(4, 0, 4, 0));
        return box;
    }

    /** Rebuilds the ladder's rows (on add or remove), dropping the old rows' bindings. */
    private void showLadder() {
        ladderUnbind.forEach(Runnable::run);
        ladderUnbind.clear();
        ladderGrid.getChildren().clear();
        ladderGrid.add(columnTitle("Rendition"), 0, 0);
        ladderGrid.add(columnTitle("Bitrate"), 1, 0);
        ladderGrid.add(columnTitle("Viewers %"), 2, 0);
        int gridRow = 1;
        for (int i = 0; i < vm.ladder().size(); i++) {
            RenditionRow r = vm.ladder().get(i);
            ladderGrid.add(text("planner-rendition-name-" + i, r.name(), "e.g. 720p", ladderUnbind), 0, gridRow);
            ladderGrid.add(text("planner-rendition-bitrate-" + i, r.bitrate(), "e.g. 3M", ladderUnbind), 1, gridRow);
            ladderGrid.add(text("planner-rendition-share-" + i, r.share(), "e.g. 40", ladderUnbind), 2, gridRow);
            Button remove = new Button(null, StudioIcon.REMOVE.node(14));
            remove.setId("planner-rendition-remove-" + i);
            remove.getStyleClass().add("small-button");
            remove.setTooltip(new Tooltip("Remove this rendition"));
            remove.setOnAction(e -> vm.removeRendition(r));
            ladderGrid.add(remove, 3, gridRow++);
            var problems = Bindings.createStringBinding(() -> String.join("; ", nonEmpty(
                    r.name().error(), r.bitrate().error(), r.share().error())),
                    r.name().errorProperty(), r.bitrate().errorProperty(), r.share().errorProperty());
            Label error = Forms.fieldError("planner-rendition-error-" + i, problems, problems.isNotEmpty());
            ladderGrid.add(error, 0, gridRow++, 4, 1);
        }
    }

    private static List<String> nonEmpty(String... texts) {
        List<String> out = new ArrayList<>();
        for (String t : texts) if (t != null && !t.isEmpty()) out.add(t);
        return out;
    }

    // ---- results -----------------------------------------------------------------------------

    private Node distribution() {
        Label title = section("Distribution bandwidth", StudioIcon.PLANNER);
        Label total = new Label();
        total.setId("planner-total");
        total.getStyleClass().add(Css.PLANNER_TOTAL);
        total.textProperty().bind(vm.totalTextProperty());
        Label formula = Forms.wrapped("planner-formula", Css.MUTED_TEXT);
        formula.textProperty().bind(vm.formulaTextProperty());
        VBox loads = new VBox(2);
        loads.setId("planner-renditions");
        Runnable showLoads = () -> {
            loads.getChildren().clear();
            for (int i = 0; i < vm.renditionLoadsProperty().size(); i++) {
                Label l = Forms.wrapped("planner-rendition-load-" + i, Css.CARD_DETAIL);
                l.setText(vm.renditionLoadsProperty().get(i));
                loads.getChildren().add(l);
            }
        };
        showLoads.run();
        vm.renditionLoadsProperty().addListener((ListChangeListener<String>) c -> showLoads.run());
        Label hint = Forms.hint("What the platform or CDN must deliver to your viewers at peak: viewers × bitrate × safety "
                + "factor. It is not your upload; that is below.");
        return new VBox(4, title, total, formula, loads, hint);
    }

    private Node uplink() {
        Label title = section("This computer's uplink", StudioIcon.UPLINK);
        Label total = new Label();
        total.setId("planner-uplink-total");
        total.getStyleClass().add(Css.PLANNER_TOTAL);
        total.textProperty().bind(vm.uplinkTotalTextProperty());
        Label how = Forms.wrapped("planner-uplink", Css.CARD_DETAIL);
        how.textProperty().bind(vm.uplinkTextProperty());
        Label hint = Forms.hint("From your current settings (Settings → Stream and Encoder). A recording costs no upload. "
                + "Test bandwidth in the uplink panel measures what your connection really sustains.");
        return new VBox(4, title, total, how, hint);
    }

    // ---- building blocks -----------------------------------------------------------------------

    private int addRow(GridPane g, int row, String label, Node control, PlannerField field, String id) {
        return addRow(g, row, new Label(label), control, field, id);
    }

    /** "label | control" and, under the control, the field's error (hidden while there is none). */
    private int addRow(GridPane g, int row, Label label, Node control, PlannerField field, String id) {
        GridPane.setValignment(label, VPos.CENTER);
        g.add(label, 0, row);
        g.add(control, 1, row);
        row++;
        if (field != null) {
            g.add(Forms.fieldError(id + "-error", field.errorProperty(),
                    field.errorProperty().isNotEmpty().and(control.visibleProperty())), 1, row++);
        }
        return row;
    }

    /** A text field bound to a planner field, with a red border while the field has a problem. */
    private TextField text(String id, PlannerField field, String prompt) {
        return text(id, field, prompt, null);
    }

    /** As {@link #text(String, PlannerField, String)}; {@code undo} is given what unbinds it again (ladder rows). */
    private TextField text(String id, PlannerField field, String prompt, List<Runnable> undo) {
        TextField t = new TextField();
        t.setId(id);
        t.setPromptText(prompt);
        t.textProperty().bindBidirectional(field.valueProperty());
        Runnable mark = () -> t.pseudoClassStateChanged(Css.DANGER, !field.error().isEmpty());
        mark.run();
        javafx.beans.value.ChangeListener<String> onError = (o, a, b) -> mark.run();
        field.errorProperty().addListener(onError);
        if (undo != null) undo.add(() -> {
            t.textProperty().unbindBidirectional(field.valueProperty());
            field.errorProperty().removeListener(onError);
        });
        return t;
    }

    private static Label columnTitle(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Css.METRIC_LABEL);
        return l;
    }

    private static Label section(String title, StudioIcon icon) {
        Label l = new Label(title, icon.node(16));
        l.getStyleClass().add(Css.PANEL_TITLE);
        return l;
    }


}
