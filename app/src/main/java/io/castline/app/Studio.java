package io.castline.app;

import io.castline.engine.settings.ConfigDirs;
import io.castline.app.engine.CastlineEngine;
import io.castline.app.engine.StudioEngine;
import io.castline.app.preview.ProgramPreview;
import io.castline.app.notify.ToastLayer;
import io.castline.app.profile.ProfileStore;
import io.castline.app.show.ShowMigration;
import io.castline.app.show.ShowStore;
import io.castline.app.studio.MainView;
import io.castline.app.studio.MainViewModel;
import io.castline.app.ui.Css;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;

import java.time.LocalDateTime;

/**
 * Puts the studio together: profile, engine, view-models, window. Used by {@link StudioApp} and by
 * the UI tests, so both run exactly the same studio.
 */
public final class Studio {
    private final MainViewModel viewModel;
    private final MainView view;
    private final Scene scene;
    private final ProgramPreview preview;
    private final StudioEngine engine;

    /** Held here: a binding nobody holds stops telling its listeners once collected. */
    private final javafx.beans.binding.BooleanBinding nextShown;

    private Studio(MainViewModel viewModel, MainView view, Scene scene, ProgramPreview preview, StudioEngine engine,
                   javafx.beans.binding.BooleanBinding nextShown) {
        this.nextShown = nextShown;
        this.viewModel = viewModel;
        this.engine = engine;
        this.view = view;
        this.scene = scene;
        this.preview = preview;
    }

    /** Builds the studio into {@code stage} (not shown yet). UI thread. */
    public static Studio create(Stage stage) {
        // the dark theme for every control, dialog and popup; studio.css adds the studio's own parts
        Application.setUserAgentStylesheet(io.castline.app.ui.CompiledTheme.stylesheet());
        ProfileStore store = ProfileStore.forUser();
        ProfileStore.Loaded loaded = store.load();
        StudioEngine engine = new CastlineEngine(Platform::runLater);
        ToastLayer toasts = new ToastLayer();
        ShowStore shows = new ShowStore(ConfigDirs.configDir());
        ShowStore.Loaded show = shows.load(() -> ShowMigration.fromProfile(loaded.profile()));
        MainViewModel vm = new MainViewModel(engine, store, loaded.profile(), shows, show.show(), toasts, Platform::runLater,
                LocalDateTime::now);
        // the producer's remote: the control API over the studio's own view-models
        io.castline.control.ControlEvents events = new io.castline.control.ControlEvents();
        vm.setRemote(new io.castline.app.remote.RemoteViewModel(ConfigDirs.configDir(),
                new io.castline.app.studio.StudioShowControl(vm, Platform::runLater, events), events, Platform::runLater));
        MainView view = new MainView(vm, toasts);
        ProgramPreview preview = new ProgramPreview(view.preview(), engine::preview, engine::setPreviewSize);
        preview.follow(vm.preview().enabledProperty());
        // studio mode's preview of the next scene: drawn while studio mode is on and the preview is
        ProgramPreview next = new ProgramPreview(view.studioPreview(), engine::studioPreview, (w, h) -> { });
        next.setPictureId("studio-preview-picture");
        javafx.beans.binding.BooleanBinding nextShown = vm.scenes().studioModeProperty().and(vm.preview().enabledProperty());
        next.follow(nextShown);
        // as large as is comfortable, but never larger than the screen (many host laptops have 1366×768)
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(view, Math.min(1440, screen.getWidth()), Math.min(860, screen.getHeight()));
        scene.getStylesheets().add(Css.STYLESHEET);
        stage.setTitle("Castline Studio");
        stage.getIcons().add(windowIcon());
        stage.setScene(scene);
        stage.setMinWidth(Math.min(1000, screen.getWidth()));
        stage.setMinHeight(Math.min(640, screen.getHeight()));
        // JavaFX gives the first control the focus, ring and all, so the keyboard button looked pressed at
        // every start: the window itself has it until the host presses Tab (as a browser page does)
        stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_SHOWN, e -> view.requestFocus());
        // after the window shows, so the popup has an owner on screen
        Platform.runLater(() -> {
            vm.profileProblem(loaded.problem());
            vm.showProblem(show.problem());
        });
        return new Studio(vm, view, scene, preview, engine, nextShown);
    }

    public MainViewModel viewModel() { return viewModel; }
    public MainView view() { return view; }
    public Scene scene() { return scene; }
    public ProgramPreview preview() { return preview; }
    public StudioEngine engine() { return engine; }

    /**
     * Serves the broadcast's figures for Prometheus on {@code port} (0: a free one) while the studio
     * is open: on 127.0.0.1, with {@code lan} on every address (an operator's Prometheus scraping
     * several studios). Off air the families have no samples, so no output alert fires between
     * shows. The caller closes it.
     */
    public io.castline.engine.stats.MetricsExporter serveMetrics(int port, boolean lan) throws java.io.IOException {
        return io.castline.engine.stats.MetricsExporter.start(port, engine::latestStats, lan);
    }

    /**
     * The window's icon: the product's one icon image (top-level src/main/resources/branding, which
     * the installers' icons are made from too), decoded at the largest size a window manager asks
     * for, so that the 1024 px source is not kept.
     */
    static javafx.scene.image.Image windowIcon() {
        java.net.URL url = Studio.class.getResource(WINDOW_ICON);
        if (url == null) throw new IllegalStateException(WINDOW_ICON + " is missing from the class path");
        return new javafx.scene.image.Image(url.toExternalForm(), 256, 256, true, true);
    }

    static final String WINDOW_ICON = "/branding/castline-icon.png";
}
