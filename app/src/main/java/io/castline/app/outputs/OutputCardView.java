package io.castline.app.outputs;

import io.castline.app.ui.Css;
import io.castline.app.ui.Sparkline;
import io.castline.app.ui.StudioIcon;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One output card: title and state badge, the reason line, the masked URL, a minute of kbps and
 * the figures that say whether this path keeps up. Node ids are {@code output-<name>-…} so tests
 * (and people reading the scene graph) find them (a name's spaces and signs as '-').
 */
public final class OutputCardView extends VBox {

    /** "destination 3" → "destination-3": a name as it can stand in a node id (and a CSS selector). */
    public static String nodeName(String name) {
        return name.replaceAll("[^A-Za-z0-9_-]", "-");
    }

    public OutputCardView(OutputCardViewModel vm) {
        getStyleClass().addAll(Css.PANEL, Css.CARD);
        String id = "output-" + nodeName(vm.name());
        setId(id);
        setSpacing(6);

        Label title = new Label(vm.title(), vm.icon().node(16));
        title.getStyleClass().add(Css.CARD_TITLE);
        Label state = new Label();
        state.setId(id + "-state");
        state.getStyleClass().add(Css.CARD_STATE);
        state.textProperty().bind(vm.stateTextProperty());
        Css.bindHealth(state, vm.healthProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button retry = new Button("Retry now", StudioIcon.RETRY.node(14));
        retry.setId(id + "-retry");
        retry.setTooltip(new Tooltip(vm.retryTip()));
        retry.visibleProperty().bind(vm.retryVisibleProperty());
        retry.managedProperty().bind(retry.visibleProperty());
        retry.setOnAction(e -> vm.retryNow());
        retry.getStyleClass().add("small-button");
        HBox header = new HBox(8, title, grow, retry, state);
        header.setAlignment(Pos.CENTER_LEFT);

        Label detail = new Label();
        detail.setId(id + "-detail");
        detail.getStyleClass().add(Css.CARD_DETAIL);
        detail.setWrapText(true);
        detail.textProperty().bind(vm.detailTextProperty());
        Css.bindHealth(detail, vm.healthProperty());

        Label url = new Label();
        url.setId(id + "-url");
        url.getStyleClass().add(Css.CARD_URL);
        url.textProperty().bind(vm.urlTextProperty());
        url.setMinWidth(0); // a long path is cut with an ellipsis; the tooltip has it whole
        // a folder's end says which it is; a URL's start says where it goes
        if (!vm.network()) url.setTextOverrun(javafx.scene.control.OverrunStyle.LEADING_ELLIPSIS);
        Tooltip urlTip = new Tooltip();
        urlTip.textProperty().bind(vm.urlTipProperty());
        url.setTooltip(urlTip);
        // a recording's files: their folder in the system's file manager
        // an icon, so that the file's name keeps the line (the tooltip says what it does, and where)
        Button folder = new Button(null, StudioIcon.FOLDER.node(14));
        folder.setId(id + "-folder");
        folder.setAccessibleText("Show in folder");
        folder.getStyleClass().add("small-button");
        folder.setMinWidth(Region.USE_PREF_SIZE);
        Tooltip folderTip = new Tooltip();
        folderTip.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> vm.folderProperty().get() == null ? "" : "Show in folder: " + vm.folderProperty().get(), vm.folderProperty()));
        folder.setTooltip(folderTip);
        folder.visibleProperty().bind(vm.folderProperty().isNotNull());
        folder.managedProperty().bind(folder.visibleProperty());
        folder.setOnAction(e -> vm.showFolder());
        // the line takes the width the button leaves (no spacer: its spacing would cut the text short)
        url.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(url, Priority.ALWAYS);
        HBox where = new HBox(8, url, folder);
        where.setAlignment(Pos.CENTER_LEFT);
        where.visibleProperty().bind(vm.configuredProperty().or(vm.folderProperty().isNotNull()));
        where.managedProperty().bind(where.visibleProperty());

        Sparkline spark = new Sparkline();
        spark.setCapacity(OutputCardViewModel.HISTORY_SECONDS);
        vm.sparklineProperty().addListener((o, a, b) -> spark.setValues(b));

        GridPane figures = new GridPane();
        figures.setHgap(12);
        figures.add(metric("kbps", vm.kbpsTextProperty(), nodeName(vm.name()) + "-kbps"), 0, 0);
        figures.add(metric("queue", vm.queueTextProperty(), nodeName(vm.name()) + "-queue"), 1, 0);
        figures.add(metric("dropped", vm.droppedTextProperty(), nodeName(vm.name()) + "-dropped"), 2, 0);
        figures.add(metric(vm.reconnectsLabel(), vm.reconnectsTextProperty(), nodeName(vm.name()) + "-reconnects"), 3, 0);

        getChildren().addAll(header, detail, where, spark, figures);
    }

    private static VBox metric(String label, ObservableValue<String> value, String id) {
        Label v = new Label();
        v.setId("output-" + id);
        v.getStyleClass().add(Css.METRIC_VALUE);
        v.textProperty().bind(value);
        Label l = new Label(label);
        l.getStyleClass().add(Css.METRIC_LABEL);
        VBox box = new VBox(0, v, l);
        box.getStyleClass().add(Css.METRIC);
        return box;
    }
}
