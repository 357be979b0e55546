package io.castline.app.uplink;

import io.castline.app.ui.Css;
import io.castline.app.ui.Forms;
import io.castline.app.ui.StudioIcon;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The uplink headroom panel of the right column. */
public final class UplinkView extends VBox {

    public UplinkView(UplinkViewModel vm) {
        getStyleClass().addAll(Css.PANEL, "uplink-panel");
        setId("uplink");
        setSpacing(6);

        Label title = new Label("Uplink headroom", StudioIcon.UPLINK.node(16));
        title.getStyleClass().add(Css.CARD_TITLE);
        Label verdict = new Label();
        verdict.setId("uplink-verdict");
        verdict.getStyleClass().add(Css.CARD_STATE);
        verdict.textProperty().bind(vm.verdictTextProperty());
        Css.bindHealth(verdict, vm.healthProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox header = new HBox(8, title, grow, verdict);
        header.setAlignment(Pos.CENTER_LEFT);

        HeadroomGauge gauge = new HeadroomGauge();
        gauge.setScale(vm.gaugeProperty().get());
        vm.gaugeProperty().addListener((o, a, b) -> gauge.setScale(b));
        gauge.setHealth(vm.healthProperty().get());
        vm.healthProperty().addListener((o, a, b) -> gauge.setHealth(b));

        Label reason = Forms.wrapped("uplink-reason", Css.CARD_DETAIL);
        reason.textProperty().bind(vm.reasonTextProperty());
        Css.bindHealth(reason, vm.healthProperty());
        Label required = Forms.wrapped("uplink-required", Css.MUTED_TEXT);
        required.textProperty().bind(vm.requiredTextProperty());
        Label capacity = Forms.wrapped("uplink-capacity", Css.MUTED_TEXT);
        capacity.textProperty().bind(vm.capacityTextProperty());
        Label tcp = Forms.wrapped("uplink-tcp", Css.MUTED_TEXT);
        tcp.textProperty().bind(vm.tcpTextProperty());
        tcp.visibleProperty().bind(vm.tcpTextProperty().isNotEmpty());
        tcp.managedProperty().bind(tcp.visibleProperty());

        Button test = new Button("Test bandwidth", StudioIcon.BANDWIDTH_TEST.node(14));
        test.setId("bandwidth-test");
        test.setTooltip(new Tooltip("Push a test stream to your destinations for 10 s and measure what the uplink sustains"));
        test.disableProperty().bind(vm.testDisabledProperty());
        test.setOnAction(e -> vm.testBandwidth());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(vm.testRunningProperty());
        busy.managedProperty().bind(busy.visibleProperty());
        test.setMinWidth(Region.USE_PREF_SIZE);
        Label status = Forms.wrapped("bandwidth-test-status", Css.MUTED_TEXT);
        status.textProperty().bind(vm.testStatusProperty());
        status.visibleProperty().bind(vm.testStatusProperty().isNotEmpty());
        status.managedProperty().bind(status.visibleProperty());
        HBox actions = new HBox(8, test, busy);
        actions.setAlignment(Pos.CENTER_LEFT);

        getChildren().addAll(header, gauge, reason, required, capacity, tcp, actions, status);
    }

}
