package io.castline.app.testingest;

import io.castline.app.ui.Css;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;

/**
 * The local test banner under the top bar ("Local test: nothing leaves this computer"), shown while
 * no destination is configured, and the "what arrived" window each End Live of a local test opens
 * (also reachable from the banner afterwards).
 */
public final class LocalTestView extends HBox {
    private static final String BANNER_STYLE = "-fx-background-color: #3d2f00; -fx-border-color: #9e6a03; "
            + "-fx-border-width: 0 0 1 0; -fx-padding: 6 14 6 14;";
    private final LocalTestViewModel vm;
    private Alert open;

    public LocalTestView(LocalTestViewModel vm) {
        this.vm = vm;
        setId("local-test-banner");
        setStyle(BANNER_STYLE);
        setSpacing(12);
        setAlignment(Pos.CENTER_LEFT);
        visibleProperty().bind(vm.activeProperty());
        managedProperty().bind(vm.activeProperty());

        Label text = new Label();
        text.setId("local-test-banner-text");
        text.setWrapText(true);
        text.setStyle("-fx-text-fill: #f2cc60;");
        text.textProperty().bind(vm.bannerTextProperty());
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);

        Button show = new Button("What arrived");
        show.setId("local-test-show-results");
        show.visibleProperty().bind(vm.reportProperty().isNotNull());
        show.managedProperty().bind(show.visibleProperty());
        show.setOnAction(e -> showReport(vm.reportProperty().get()));

        getChildren().addAll(text, show);
        vm.reportProperty().addListener((o, a, r) -> {
            if (r != null) showReport(r);
        });
    }

    private void showReport(LocalTestViewModel.Report report) {
        if (report == null) return;
        if (open != null) open.close();
        VBox content = new VBox(14);
        for (LocalTestViewModel.Result r : report.results()) content.getChildren().add(card(r));
        if (report.results().isEmpty()) content.getChildren().add(new Label("No network output was part of the test."));

        Alert a = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
        if (getScene() != null && getScene().getWindow() != null) a.initOwner(getScene().getWindow());
        a.initModality(Modality.NONE);
        a.setTitle("Castline Studio: local test");
        a.setHeaderText("Local test: what arrived (nothing left this computer)");
        a.getDialogPane().setContent(content);
        a.getDialogPane().setId("local-test-results");
        a.getDialogPane().lookupButton(ButtonType.CLOSE).setId("local-test-results-close");
        a.getDialogPane().getStylesheets().add(Css.STYLESHEET);
        a.setOnHidden(e -> open = null);
        open = a;
        a.show();
    }

    private static VBox card(LocalTestViewModel.Result r) {
        Label title = new Label(r.title() + "  " + (r.url() == null ? "" : r.url()));
        title.setId("local-test-" + r.output() + "-title");
        title.getStyleClass().add(Css.CARD_TITLE);
        VBox box = new VBox(6, title);
        if (!r.ok()) {
            Label problem = new Label(r.problem());
            problem.setId("local-test-" + r.output() + "-problem");
            problem.setWrapText(true);
            problem.getStyleClass().add(Css.HEALTH_BAD);
            box.getChildren().add(problem);
            return box;
        }
        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(4);
        grid.setPadding(new Insets(0, 0, 0, 8));
        int row = 0;
        for (LocalTestViewModel.Row line : r.rows()) {
            Label label = new Label(line.label());
            label.getStyleClass().add(Css.METRIC_LABEL);
            Label value = new Label(line.value());
            value.setId("local-test-" + r.output() + "-" + line.key());
            value.getStyleClass().add(Css.METRIC_VALUE);
            grid.addRow(row++, label, value);
        }
        box.getChildren().add(grid);
        return box;
    }
}
