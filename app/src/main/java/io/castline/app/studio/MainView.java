package io.castline.app.studio;

import io.castline.app.audio.AudioMixerView;
import io.castline.app.notify.ToastLayer;
import io.castline.app.outputs.OutputCardView;
import io.castline.app.planner.PlannerDialog;
import io.castline.app.preview.PreviewPane;
import io.castline.app.settings.SettingsDialog;
import io.castline.app.settings.SettingsViewModel;
import io.castline.app.stats.StatsBarView;
import io.castline.app.testingest.LocalTestView;
import io.castline.app.ui.Css;
import io.castline.app.ui.Hotkey;
import io.castline.app.ui.Hotkeys;
import io.castline.app.ui.StudioIcon;
import io.castline.app.uplink.UplinkView;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import io.castline.app.layers.LayerOverlay;
import io.castline.app.layers.LayersView;
import io.castline.app.scenes.ScenesView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The studio window's layout, as in the tools hosts know: the program preview in the middle with
 * the audio mixer under it, the health of every output and the uplink in the right column, the
 * machine's figures along the bottom, and Go Live at the top right.
 */
public final class MainView extends BorderPane {
    private final MainViewModel vm;
    private final PreviewPane preview;
    /** Studio mode's preview of the next scene, beside the program. */
    private final PreviewPane studioPreview;
    private final HBox screens = new HBox(8);
    private final VBox programColumn;
    private final VBox studioColumn;
    private final VBox transitionColumn;
    private LayerOverlay overlay;
    /** The planner's window, made on first use and kept (with what was typed) while the studio runs. */
    private PlannerDialog planner;
    /** The remote's window, made on first use. */
    private io.castline.app.remote.RemoteDialog remote;
    /** The shortcut list, pointing at the keyboard button in the top bar. */
    private ShortcutsPopOver shortcuts;

    /**
     * @param toasts where the view-model's notices show: laid over the panels (not the top bar,
     *               not the stats bar, which stay readable)
     */
    public MainView(MainViewModel vm, ToastLayer toasts) {
        this.vm = vm;
        this.preview = new PreviewPane(vm.preview());
        preview.showHotkey(vm.hotkeys());
        this.studioPreview = new PreviewPane(new io.castline.app.preview.PreviewViewModel(on -> { }), "Preview", "studio-preview");
        studioPreview.setToggleVisible(false);
        programColumn = titled("Program", preview);
        studioColumn = titled("Preview", studioPreview);
        Button transition = new Button("Transition", StudioIcon.TRANSITION.node(16));
        transition.setId("transition");
        transition.getStyleClass().add(Css.ACCENT_BUTTON);
        transition.setTooltip(Hotkeys.tooltip(vm.hotkeys(), Hotkey.TRANSITION, "Put the preview's scene on air with the chosen transition"));
        transition.setOnAction(e -> vm.scenes().transition());
        transition.setMinWidth(Region.USE_PREF_SIZE);
        transitionColumn = new VBox(transition);
        transitionColumn.setAlignment(javafx.geometry.Pos.CENTER);
        getStyleClass().add(Css.ROOT);
        setId("studio");

        TopBarView topBar = new TopBarView(vm, this::onGoLive, this::openSettings);
        addPlannerButton(topBar);
        addNextCueButton(topBar);
        addRemoteButton(topBar);
        addShowMenu(topBar);
        addShortcutsButton(topBar);
        setTop(new VBox(topBar, new LocalTestView(vm.localTest())));

        VBox.setVgrow(screens, Priority.ALWAYS);
        // under the preview, as in OBS: scenes, the sources of the scene on air, the mixer
        ScenesView scenes = new ScenesView(vm.scenes(), vm.hotkeys());
        LayersView layers = new LayersView(vm.layers());
        overlay = new LayerOverlay(vm.layers());
        AudioMixerView mixer = new AudioMixerView(vm.audio(), vm.hotkeys());
        io.castline.app.products.ProductsView products = new io.castline.app.products.ProductsView(vm.products(), vm.countdowns(), vm.hotkeys());
        io.castline.app.cues.CuesView cues = new io.castline.app.cues.CuesView(vm.cues(), vm.hotkeys());
        javafx.scene.control.TabPane tabs = tabbedDock(layers.asTabContent(), products, cues,
                !vm.show().current().products().isEmpty());
        scenes.setPrefWidth(320);
        scenes.setMinWidth(310);
        tabs.setPrefWidth(420);
        tabs.setMinWidth(330);
        mixer.setMinWidth(180);
        HBox.setHgrow(tabs, Priority.SOMETIMES);
        HBox.setHgrow(mixer, Priority.ALWAYS);
        HBox docks = new HBox(10, scenes, tabs, mixer);
        docks.setMinHeight(Region.USE_PREF_SIZE);
        VBox center = new VBox(10, screens, docks);
        showScreens(vm.scenes().studioModeProperty().get());
        vm.scenes().studioModeProperty().addListener((o, was, on) -> showScreens(on));
        center.setPadding(new Insets(12, 6, 12, 12));
        BorderPane panels = new BorderPane();
        panels.setCenter(center);

        VBox column = new VBox(10);
        VBox cards = new VBox(10);
        Runnable showCards = () -> cards.getChildren().setAll(vm.outputs().stream().map(OutputCardView::new).toList());
        showCards.run();
        vm.outputs().addListener((javafx.collections.ListChangeListener<io.castline.app.outputs.OutputCardViewModel>) c -> showCards.run());
        column.getChildren().addAll(cards, new UplinkView(vm.uplink()));
        column.setPadding(new Insets(12, 12, 12, 6));
        ScrollPane scroll = new ScrollPane(column);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add(Css.RIGHT_COLUMN);
        scroll.setPrefWidth(400);
        scroll.setMinWidth(340);
        panels.setRight(scroll);
        setCenter(new StackPane(panels, toasts));

        setBottom(new StatsBarView(vm.stats(), vm.statusTextProperty()));
        sceneProperty().addListener((o, was, scene) -> {
            if (scene != null) installHotkeys(scene);
        });

        showCanvas();
        vm.profileProperty().addListener((o, a, b) -> showCanvas());
    }

    public PreviewPane preview() { return preview; }
    public PreviewPane studioPreview() { return studioPreview; }

    /**
     * The program alone, or in studio mode the preview of the next scene on the left, Transition
     * in the middle and the program on the right (OBS's layout). The layer handles are on the
     * picture whose scene the sources dock edits.
     */
    private void showScreens(boolean studioMode) {
        if (studioMode) {
            for (VBox column : java.util.List.of(studioColumn, programColumn)) HBox.setHgrow(column, Priority.ALWAYS);
            // the program pane sits alone outside studio mode: back under its title
            if (!programColumn.getChildren().contains(preview)) programColumn.getChildren().add(preview);
            screens.getChildren().setAll(studioColumn, transitionColumn, programColumn);
            preview.setOverlay(null);
            studioPreview.setOverlay(overlay);
        } else {
            HBox.setHgrow(preview, Priority.ALWAYS);
            screens.getChildren().setAll(preview);
            studioPreview.setOverlay(null);
            preview.setOverlay(overlay);
        }
    }

    /** A pane with its name above it ("Preview", "Program"). */
    private static VBox titled(String name, PreviewPane pane) {
        Label label = new Label(name);
        label.getStyleClass().add(Css.CARD_TITLE);
        VBox.setVgrow(pane, Priority.ALWAYS);
        VBox box = new VBox(4, label, pane);
        box.setMinWidth(0);
        return box;
    }

    /** Asks before the window closes while live; true to end the broadcast and quit. */
    public boolean confirmQuitWhileLive() {
        return StudioDialogs.confirmQuitWhileLive(getScene().getWindow());
    }

    private void showCanvas() {
        var c = vm.profileProperty().get().canvas();
        preview.setCanvas(c.width(), c.height());
        studioPreview.setCanvas(c.width(), c.height());
    }

    private void onGoLive() {
        switch (vm.liveStateProperty().get()) {
            case OFF_AIR -> {
                PreFlight pf = vm.preflight();
                if (pf.blocked()) {
                    if (StudioDialogs.refused(getScene().getWindow(), pf)) openSettings();
                } else if (!pf.warnings().isEmpty()) {
                    switch (StudioDialogs.warned(getScene().getWindow(), pf)) {
                        case GO_LIVE -> vm.goLive();
                        case TEST_BANDWIDTH -> vm.uplink().testBandwidth();
                        case CANCEL -> { }
                    }
                } else {
                    vm.goLive();
                }
            }
            case LIVE -> {
                if (StudioDialogs.confirmEnd(getScene().getWindow())) vm.endLive();
            }
            default -> { } // starting or ending: the button is disabled
        }
    }

    /** "Planner" in the top bar, just before Settings: a quiet button that opens the planner beside the studio. */
    private void addPlannerButton(TopBarView topBar) {
        Button open = new Button("Planner", StudioIcon.PLANNER.node(16));
        open.setId("open-planner");
        open.setTooltip(Hotkeys.tooltip(vm.hotkeys(), Hotkey.PLANNER, "Bandwidth planner: what an audience needs, and this computer's uplink"));
        open.setOnAction(e -> openPlanner());
        beforeSettings(topBar, open);
    }

    /**
     * The sources of the scene, the products and the run of show share a dock: a producer builds
     * the scenes before the show and sells during it, and the window has no width for three docks
     * beside the scenes and the mixer (every control keeps room for its focus ring). A show with
     * products opens on the products.
     */
    private static javafx.scene.control.TabPane tabbedDock(Node sources, Node products, Node cues, boolean selling) {
        javafx.scene.control.Tab sourcesTab = new javafx.scene.control.Tab("Sources", sources);
        sourcesTab.setGraphic(StudioIcon.LAYERS.node(14));
        sourcesTab.setId("sources-tab");
        javafx.scene.control.Tab productsTab = new javafx.scene.control.Tab("Products", products);
        productsTab.setGraphic(StudioIcon.PRODUCTS.node(14));
        productsTab.setId("products-tab");
        javafx.scene.control.Tab cuesTab = new javafx.scene.control.Tab("Run of show", cues);
        cuesTab.setGraphic(StudioIcon.CUES.node(14));
        cuesTab.setId("cues-tab");
        javafx.scene.control.TabPane tabs = new javafx.scene.control.TabPane(sourcesTab, productsTab, cuesTab);
        tabs.setTabClosingPolicy(javafx.scene.control.TabPane.TabClosingPolicy.UNAVAILABLE);
        if (selling) tabs.getSelectionModel().select(productsTab);
        tabs.getStyleClass().addAll(Css.PANEL, Css.DOCK, Css.TABBED_DOCK);
        tabs.setId("tabbed-dock");
        return tabs;
    }

    /**
     * "Next cue" in the top bar, before Show, naming the cue it plays: the producer's one button,
     * in sight whichever dock is open (its hotkey works anywhere in the window). Hidden for a show
     * without cues.
     */
    private void addNextCueButton(TopBarView topBar) {
        Button next = new Button(null, StudioIcon.NEXT.node(16));
        next.setId("top-next-cue");
        next.textProperty().bind(vm.cues().upcomingProperty().map(c -> "Next cue: " + c.name()).orElse("End of the run of show"));
        next.setTooltip(Hotkeys.tooltip(vm.hotkeys(), Hotkey.NEXT_CUE, "Play the next cue: its scene, product and countdown"));
        next.setOnAction(e -> vm.cues().next());
        next.disableProperty().bind(vm.cues().upcomingProperty().isNull());
        next.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.cues().cues()));
        next.managedProperty().bind(next.visibleProperty());
        next.setMinWidth(Region.USE_PREF_SIZE);
        next.setMaxWidth(320);
        Node planner = topBar.lookup("#open-planner");
        topBar.getChildren().add(topBar.getChildren().indexOf(planner), next);
    }

    /** "Remote" before Settings: serve the producer's web remote and show the phone its link. */
    private void addRemoteButton(TopBarView topBar) {
        if (vm.remote() == null) return;
        Button open = new Button("Remote", StudioIcon.REMOTE.node(16));
        open.setId("open-remote");
        open.setTooltip(new Tooltip("Run the show from a phone or tablet: the web remote, its link and QR code"));
        open.setOnAction(e -> {
            if (remote == null) remote = new io.castline.app.remote.RemoteDialog(getScene().getWindow(), vm.remote());
            if (remote.isShowing()) ((Stage) remote.getDialogPane().getScene().getWindow()).toFront();
            else remote.show();
        });
        beforeSettings(topBar, open);
    }

    /** "Show" before Planner: open a show file, save this one as a file. */
    private void addShowMenu(TopBarView topBar) {
        MenuButton menu = new MenuButton("Show", StudioIcon.SCENES.node(16));
        menu.setId("show-menu");
        MenuItem open = new MenuItem("Open show…");
        open.setId("show-open");
        open.setOnAction(e -> {
            java.io.File f = showChooser("Open a show").showOpenDialog(getScene().getWindow());
            if (f != null) vm.openShow(f.toPath());
        });
        MenuItem saveAs = new MenuItem("Save show as…");
        saveAs.setId("show-save-as");
        saveAs.setOnAction(e -> {
            java.io.File f = showChooser("Save the show as").showSaveDialog(getScene().getWindow());
            if (f != null) vm.saveShowAs(f.toPath());
        });
        menu.getItems().addAll(open, saveAs);
        menu.setTooltip(new Tooltip("Open a show file, or save this show as one (castline live --show plays it)"));
        Node planner = topBar.lookup("#open-planner");
        topBar.getChildren().add(topBar.getChildren().indexOf(planner), menu);
    }

    private static javafx.stage.FileChooser showChooser(String title) {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("Castline shows (*.json)", "*.json"));
        return chooser;
    }

    /** A keyboard icon before Planner that shows or hides the shortcut list (as F1 does). */
    private void addShortcutsButton(TopBarView topBar) {
        Button keys = new Button(null, StudioIcon.KEYBOARD.node(18));
        keys.setId("show-shortcuts");
        keys.setTooltip(Hotkeys.tooltip(vm.hotkeys(), Hotkey.SHORTCUTS, "Keyboard shortcuts"));
        shortcuts = new ShortcutsPopOver(keys, vm.hotkeys());
        keys.setOnAction(e -> shortcuts.toggle());
        Node planner = topBar.lookup("#open-planner");
        topBar.getChildren().add(topBar.getChildren().indexOf(planner), keys);
    }

    private static void beforeSettings(TopBarView topBar, Node node) {
        Node settings = topBar.lookup("#open-settings");
        int at = topBar.getChildren().indexOf(settings);
        topBar.getChildren().add(at < 0 ? topBar.getChildren().size() : at, node);
    }

    /**
     * The studio's shortcuts ({@link Hotkey}, with the keys Settings gave them), on the window's
     * scene: they work wherever the focus is in the main window; dialogs (Settings, confirmations)
     * are windows of their own and keep their keys. Go Live takes the same path as the button
     * (pre-flight, End Live's question). Saved with other keys, they move at once.
     */
    private void installHotkeys(Scene scene) {
        Map<KeyCombination, Runnable> keys = scene.getAccelerators();
        List<KeyCombination> installed = new ArrayList<>();
        Runnable install = () -> {
            installed.forEach(keys::remove);
            installed.clear();
            Hotkeys hk = vm.hotkeys().getValue();
            Map<KeyCombination, Runnable> next = new java.util.LinkedHashMap<>();
            next.put(hk.combination(Hotkey.GO_LIVE), () -> {
                if (!vm.goLiveDisabledProperty().get()) onGoLive();
            });
            next.put(hk.combination(Hotkey.RECORD), vm::toggleRecording);
            next.put(hk.combination(Hotkey.MUTE), () -> vm.audio().toggleMute());
            next.put(hk.combination(Hotkey.PREVIEW), () -> vm.preview().enabledProperty().set(!vm.preview().enabledProperty().get()));
            next.put(hk.combination(Hotkey.SETTINGS), this::openSettings);
            next.put(hk.combination(Hotkey.PLANNER), this::openPlanner);
            next.put(hk.combination(Hotkey.SHORTCUTS), shortcuts::toggle);
            next.put(hk.combination(Hotkey.STUDIO_MODE), () -> vm.scenes().studioModeProperty().set(!vm.scenes().studioModeProperty().get()));
            next.put(hk.combination(Hotkey.TRANSITION), () -> vm.scenes().transition());
            next.put(hk.combination(Hotkey.NEXT_CUE), () -> vm.cues().next());
            next.put(hk.combination(Hotkey.PIN_NEXT), () -> vm.products().pinNext());
            next.put(hk.combination(Hotkey.PIN_PREVIOUS), () -> vm.products().pinPrevious());
            next.put(hk.combination(Hotkey.UNPIN), () -> vm.products().unpin());
            next.put(hk.combination(Hotkey.COUNTDOWN), () -> vm.countdowns().toggleOnAir());
            for (int i = 1; i <= 9; i++) {
                int n = i;
                next.put(hk.scene(n), () -> vm.scenes().switchToNumber(n));
            }
            // in a text field undo and redo are its own typing's; elsewhere the show's
            next.put(hk.combination(Hotkey.UNDO), () -> {
                if (scene.getFocusOwner() instanceof TextInputControl t) t.undo();
                else vm.show().undo();
            });
            next.put(hk.combination(Hotkey.REDO), () -> {
                if (scene.getFocusOwner() instanceof TextInputControl t) t.redo();
                else vm.show().redo();
            });
            keys.putAll(next);
            installed.addAll(next.keySet());
        };
        install.run();
        vm.hotkeys().addListener((o, a, b) -> install.run());
    }

    private void openPlanner() {
        if (planner == null) planner = new PlannerDialog(getScene().getWindow(), vm.planner());
        if (planner.isShowing()) {
            ((Stage) planner.getDialogPane().getScene().getWindow()).toFront();
        } else {
            planner.show();
        }
    }

    private void openSettings() {
        SettingsViewModel settings = vm.newSettings();
        new SettingsDialog(getScene().getWindow(), settings, vm.liveProperty().get()).ask().ifPresent(vm::saveSettings);
    }
}
