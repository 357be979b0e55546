package io.castline.app.studio;

import io.castline.app.audio.AudioMixerViewModel;
import io.castline.app.audio.ChannelStripViewModel;
import io.castline.app.engine.EngineFrame;
import io.castline.app.engine.LivePlan;
import io.castline.app.engine.StudioEngine;
import io.castline.app.notify.Alerts;
import io.castline.app.notify.Notice;
import io.castline.app.notify.Notifier;
import io.castline.app.outputs.OutputCardViewModel;
import io.castline.app.outputs.ShowInFolder;
import io.castline.app.planner.PlannerViewModel;
import io.castline.app.preview.PreviewViewModel;
import io.castline.app.profile.ProfileStore;
import io.castline.app.profile.StudioProfile;
import io.castline.app.layers.LayersViewModel;
import io.castline.app.scenes.ScenesViewModel;
import io.castline.app.settings.SettingsViewModel;
import io.castline.app.show.ShowMigration;
import io.castline.app.show.ShowStore;
import io.castline.app.show.StudioShow;
import io.castline.engine.show.Show;
import io.castline.app.stats.StatsBarViewModel;
import io.castline.app.testingest.LocalTestViewModel;
import io.castline.app.uplink.UplinkViewModel;
import io.castline.engine.settings.SettingsProblem;
import javafx.collections.ObservableList;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The main window's state: going live and ending, the live timer, and the panels' view-models,
 * fed with engine frames on the UI thread. Dialogs (confirmations, pre-flight questions) are the
 * view's business; this class only says what they should ask. Its parts, in this package: the
 * live state ({@link LiveStatus}), the output cards ({@link OutputCards}), Record
 * ({@link RecordingControl}), the show on the program ({@link ProgramShow}) and on disk
 * ({@link ShowFiles}).
 */
public final class MainViewModel {
    private final StudioEngine engine;
    private final ProfileStore store;
    private final Notifier notifier;
    private final Executor uiThread;
    private final Supplier<LocalDateTime> clock;
    private java.util.function.Function<Path, CompletableFuture<Void>> folderOpener = ShowInFolder::open;

    private final ReadOnlyObjectWrapper<StudioProfile> profile = new ReadOnlyObjectWrapper<>();
    /** The keyboard shortcuts in use: the profile's (Settings changes them). */
    private final javafx.beans.binding.ObjectBinding<io.castline.app.ui.Hotkeys> hotkeys =
            javafx.beans.binding.Bindings.createObjectBinding(() -> io.castline.app.ui.Hotkeys.fromProfile(
                    profile.get() == null ? null : profile.get().hotkeys()), profile);
    /** Off air, starting, live or ending, and what the top bar says of it. */
    private final LiveStatus liveStatus = new LiveStatus();
    private final RecordingControl recorder;

    /** One card per destination, then the recording's; rebuilt when the destinations change off air. */
    private final OutputCards cards;
    private final UplinkViewModel uplink;
    private final StatsBarViewModel stats = new StatsBarViewModel();
    private final AudioMixerViewModel audio;
    private final Alerts alerts = new Alerts();
    private final LocalTestViewModel localTest = new LocalTestViewModel();
    private final PlannerViewModel planner = new PlannerViewModel();
    private final PreviewViewModel preview;
    private final StudioShow show;
    private final ProgramShow programShow;
    private final ShowFiles showFiles;
    private final ScenesViewModel scenes;
    private final LayersViewModel layers;
    private final io.castline.app.products.ProductsViewModel products;
    private final io.castline.app.products.CountdownsViewModel countdowns;
    private final io.castline.app.cues.CuesViewModel cues;
    private io.castline.app.remote.RemoteViewModel remote;
    /** The engine's latest frame, for the remote's GetStats. */
    private EngineFrame lastFrame;

    /** A studio whose show is made from the profile's one source and kept in memory only (view-model tests). */
    public MainViewModel(StudioEngine engine, ProfileStore store, StudioProfile initial, Notifier notifier,
                         Executor uiThread, Supplier<LocalDateTime> clock) {
        this(engine, store, initial, null, null, notifier, uiThread, clock);
    }

    /**
     * @param showStore   where the show is kept ({@code show.json}), or null to keep it in memory
     * @param initialShow the show to open, or null for one made from the profile's sources
     */
    public MainViewModel(StudioEngine engine, ProfileStore store, StudioProfile initial, ShowStore showStore, Show initialShow,
                         Notifier notifier, Executor uiThread, Supplier<LocalDateTime> clock) {
        this.engine = engine;
        this.store = store;
        this.notifier = notifier;
        this.uiThread = uiThread;
        this.clock = clock;
        cards = new OutputCards(engine::retryNow, this::showFolder, notifier);
        recorder = new RecordingControl(engine, notifier, uiThread, () -> LivePlan.recording(profile.get(), clock.get()),
                cards.recording());
        uplink = new UplinkViewModel(engine, uiThread, this::plan,
                text -> notifier.show(Notice.warning("bandwidth-test", "Bandwidth test", text)));
        audio = new AudioMixerViewModel(new ChannelStripViewModel.Control() {
            @Override public void setGain(String channel, double linear) { engine.setGain(channel, linear); }
            @Override public void setMuted(String channel, boolean muted) { engine.setMuted(channel, muted); }
        });
        preview = new PreviewViewModel(engine::setPreviewEnabled);
        uplink.testedProperty().addListener((o, a, b) -> uplink.showPlan());
        profile.set(initial.withDefaults());
        Show opened = initialShow != null ? initialShow : ShowMigration.fromProfile(profile.get());
        show = new StudioShow(ShowMigration.onCanvas(opened, profile.get()), showStore == null ? null : showStore.baseDirectory());
        programShow = new ProgramShow(engine, show, profile::get, notifier, uiThread);
        showFiles = new ShowFiles(showStore, show, programShow::onAir, notifier);
        scenes = new ScenesViewModel(show, engine, notifier, uiThread);
        layers = new LayersViewModel(show, notifier);
        products = new io.castline.app.products.ProductsViewModel(show, engine, notifier, uiThread);
        countdowns = new io.castline.app.products.CountdownsViewModel(show, engine, notifier, uiThread);
        cues = new io.castline.app.cues.CuesViewModel(show, scenes, products, countdowns, notifier);
        engine.setProductChangeListener(products::takeProgramChange);
        show.showProperty().addListener((o, a, b) -> {
            showFiles.saveToStore();
            programShow.play();
        });
        applyProfile();
        preview.enabledProperty().set(profile.get().view().preview());
        preview.enabledProperty().addListener((o, was, on) -> saveView(new StudioProfile.View(on, show.studioModeProperty().get())));
        show.studioModeProperty().set(Boolean.TRUE.equals(profile.get().view().studioMode()));
        show.studioModeProperty().addListener((o, was, on) -> saveView(new StudioProfile.View(preview.enabledProperty().get(), on)));
        engine.setFrameListener(this::onFrame);
    }

    /** The current settings as the engine would go live with them now. */
    public LivePlan plan() { return LivePlan.orLocalTest(profile.get(), clock.get()); }

    /** A settings form for the current profile; its "Test connection" runs on this engine (disabled while live). */
    public SettingsViewModel newSettings() {
        return new SettingsViewModel(profile.get(), engine, uiThread, liveStatus.isLive());
    }

    public PreFlight preflight() { return PreFlight.check(plan(), uplink.testedProperty().get()); }

    /** Starts the broadcast (after the view's pre-flight questions). Failures become notices, never exceptions. */
    public void goLive() {
        if (liveStatus.state() != LiveState.OFF_AIR) return;
        LivePlan plan = plan();
        if (!plan.ok()) {
            notifier.show(Notice.error("preflight", "Cannot go live", String.join("\n", preflight().errors())));
            return;
        }
        liveStatus.set(LiveState.STARTING, "Starting: opening the encoder and connecting…");
        cards.resetForGoLive(recorder.isOn());
        alerts.reset();
        CompletableFuture<Void> started;
        try {
            started = engine.start(plan, uplink.testedProperty().get());
        } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        started.whenCompleteAsync((ok, error) -> {
            if (error == null) {
                localTest.started(plan.localTest());
                if (plan.recordingFile() != null) recorder.startedWithGoLive();
                liveStatus.set(LiveState.LIVE, plan.localTest() ? "Live (local test: nothing leaves this computer)" : "Live");
                uplink.setLive(!plan.localTest()); // a local test uses no upload: the panel keeps saying so
                return;
            }
            liveStatus.set(LiveState.OFF_AIR, "Off air");
            localTest.ended(null);
            notifier.show(Notice.error("start", "Could not go live", io.castline.app.notify.Reasons.of(error)
                    + ". What to do: check the settings named here, or choose another source or codec in Settings."));
        }, uiThread);
    }

    /** Ends the broadcast (after the view's confirmation). */
    public CompletableFuture<Void> endLive() {
        if (liveStatus.state() != LiveState.LIVE) return CompletableFuture.completedFuture(null);
        liveStatus.set(LiveState.ENDING, "Ending: sending what is queued and closing the outputs…");
        // what was wrong with this broadcast is over with it: its notices go, and no new ones come
        alerts.offAir().forEach(notifier::withdraw);
        return engine.stop().handleAsync((ok, error) -> {
            liveStatus.set(LiveState.OFF_AIR, "Off air");
            showCards(false); // destinations changed while live take their cards now; the others keep how it ended
            recorder.broadcastEnded(); // Go Live's recording ended with it
            uplink.setLive(false);
            stats.offAir();
            localTest.ended(engine.localTestReport());
            if (error != null) notifier.show(Notice.error("stop", "The broadcast did not end cleanly", io.castline.app.notify.Reasons.of(error)));
            return null;
        }, uiThread);
    }

    /**
     * Record / Stop recording (button, Ctrl+Shift+R), live or not: into a new file in the
     * recording folder of Settings, with the program's encoder. A recording started here goes on
     * after End Live; one that came with Go Live stops here too. Failures become notices.
     */
    public void toggleRecording() { recorder.toggle(liveStatus.isLive()); }

    /** Saves the settings from the dialog and shows them; a failed save is told, the settings still apply. */
    public void saveSettings(StudioProfile p) {
        StudioProfile before = profile.get();
        // the dialog edits the settings, not the window's state
        profile.set(p.withDefaults().withView(profile.get().view()));
        List<SettingsProblem> refused = ShowMigration.followSettings(show, before, profile.get());
        if (!refused.isEmpty()) {
            notifier.show(Notice.error("show-settings", "The show did not take the new sources", refused.stream()
                    .map(SettingsProblem::toString).collect(java.util.stream.Collectors.joining("; "))));
        }
        applyProfile();
        save();
    }

    /** The preview was switched: remembered for the next start. */
    private void saveView(StudioProfile.View view) {
        profile.set(profile.get().withView(view));
        save();
    }

    private void save() {
        try {
            store.save(profile.get());
        } catch (IOException e) {
            notifier.show(Notice.error("save", "Settings not saved", "Could not write " + store.file() + ": "
                    + e.getMessage() + ". The new settings apply until you close Castline. What to do: check that the "
                    + "folder is writable."));
        }
    }

    /**
     * Opens a show file: every problem with it is told at once, each with its field path, and the
     * show that was open stays; otherwise it replaces the show (a new undo history), its canvas,
     * encoder, destinations and recording become the settings, and what the studio could not take
     * is told. Returns true when it was opened.
     */
    public boolean openShow(Path file) {
        return showFiles.open(file, profile.get(), imported -> {
            profile.set(imported.profile());
            show.replace(imported.show());
            applyProfile();
            save();
        });
    }

    /** Writes the show to a file of the user's (without destinations: no key in it); a failure is told. */
    public boolean saveShowAs(Path file) { return showFiles.saveAs(file); }

    /** Told at start when the show could not be read, or opened with problems (the message says which). */
    public void showProblem(String message) {
        if (message != null) notifier.show(Notice.warning("show", "Show", message));
    }

    /** Told at start when the metrics asked for ({@code --metrics-port}) cannot be served. */
    public void metricsProblem(String message) {
        if (message != null) notifier.show(Notice.warning("metrics", "Metrics", message));
    }

    /** Told at start when the profile could not be read (the message says what was done). */
    public void profileProblem(String message) {
        if (message != null) notifier.show(Notice.warning("profile", "Settings reset", message));
    }

    private void applyProfile() {
        StudioProfile p = profile.get();
        boolean noDestination = LivePlan.hasNoDestination(p);
        localTest.configure(noDestination);
        showCards(true);
        cards.showRecordingTarget(p);
        audio.configure(p.sources().audio());
        uplink.showPlan();
        planner.showProfile(p);
        programShow.play();
    }

    /** The show as the engine plays it now: the profile's canvas and encoder; null while those are invalid. */
    public Show onAirShow() { return programShow.onAir(); }

    /** The cards for the settings; while a broadcast runs its list stays (see {@link OutputCards#showDestinations}). */
    private void showCards(boolean reconfigure) {
        cards.showDestinations(profile.get(), reconfigure, liveStatus.state() == LiveState.OFF_AIR);
    }

    void onFrame(EngineFrame f) {
        stats.updateProcess(f.process());
        if (f.channels().isEmpty()) audio.silence();
        else audio.update(f.channels());
        audio.showProblem(f.program() == null ? null : f.program().audioProblem());
        EngineFrame.Live l = f.live();
        lastFrame = f;
        if (l == null || l.stats() == null) stats.updateProgram(f.program());
        tell(alerts.checkSources(f.program(), f.atSeconds()));
        if (f.program() != null) countdowns.showSelling(f.program().selling());
        if (l == null) return;
        boolean onAir = liveStatus.state() == LiveState.LIVE;
        liveStatus.showTimeOnAir(l.onAirSeconds());
        cards.update(l);
        // the uplink panel and its notices read the same verdict, or neither does (a local test uses no upload)
        boolean judgeUplink = onAir && !localTest.liveProperty().get();
        if (l.stats() != null) {
            stats.update(l.stats());
            if (judgeUplink) uplink.update(l.stats().uplink(), l.stats().outputs());
        }
        if (onAir || recorder.isOn()) tell(alerts.check(l, f.atSeconds(), judgeUplink));
    }

    private void tell(Alerts.Update u) {
        u.ended().forEach(notifier::withdraw);
        u.raised().forEach(notifier::show);
    }


    /** The recording card's "Show in folder": the system's file manager; a failure is told with the folder's path. */
    void showFolder(Path dir) {
        folderOpener.apply(dir).whenCompleteAsync((ok, error) -> {
            if (error != null) {
                String why = io.castline.app.notify.Reasons.of(error);
                notifier.show(Notice.warning("show-folder", "Could not open the folder",
                        Character.toUpperCase(why.charAt(0)) + why.substring(1) + ". The recording is in " + dir + "."));
            }
        }, uiThread);
    }

    /** How "Show in folder" opens a folder (tests put something in place of the system's file manager). */
    public void setFolderOpener(java.util.function.Function<Path, CompletableFuture<Void>> opener) {
        this.folderOpener = opener;
    }

    /** The producer's remote this studio serves (null: none, as in view-model tests). */
    public void setRemote(io.castline.app.remote.RemoteViewModel remote) { this.remote = remote; }

    public io.castline.app.remote.RemoteViewModel remote() { return remote; }

    /** The window is closing: ends a broadcast if one runs and releases the engine (off the UI thread). */
    public CompletableFuture<Void> shutdown() {
        io.castline.app.remote.RemoteViewModel r = remote;
        return CompletableFuture.runAsync(() -> {
            if (r != null) r.close(); // no request reaches an engine that is closing
            engine.close();
        }, r0 -> {
            Thread t = new Thread(r0, "castline-studio-shutdown");
            t.setDaemon(false); // the broadcast must finish its outputs before the JVM exits
            t.start();
        });
    }

    /** The card of the output named {@code name} (a destination's name, or "recording"). */
    public OutputCardViewModel card(String name) { return cards.card(name); }
    public OutputCardViewModel recording() { return cards.recording(); }
    /** The output cards, in order: each destination's, then the recording's. */
    public ObservableList<OutputCardViewModel> outputs() { return cards.list(); }
    public UplinkViewModel uplink() { return uplink; }
    public StatsBarViewModel stats() { return stats; }
    public AudioMixerViewModel audio() { return audio; }
    public LocalTestViewModel localTest() { return localTest; }
    public PlannerViewModel planner() { return planner; }
    public PreviewViewModel preview() { return preview; }
    public StudioShow show() { return show; }
    public ScenesViewModel scenes() { return scenes; }

    /** The keyboard shortcuts in use; changes when Settings are saved with other keys. */
    public javafx.beans.value.ObservableValue<io.castline.app.ui.Hotkeys> hotkeys() { return hotkeys; }
    public LayersViewModel layers() { return layers; }
    public io.castline.app.products.ProductsViewModel products() { return products; }
    public io.castline.app.products.CountdownsViewModel countdowns() { return countdowns; }
    public io.castline.app.cues.CuesViewModel cues() { return cues; }

    /**
     * The remote's GetStats: live, the latest statistics as {@code castline live --stats} writes
     * them (outputs, uplink verdict, frames); off air, the program's frame rate. UI thread.
     */
    public java.util.Map<String, Object> statsForRemote() {
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        EngineFrame f = lastFrame;
        if (f != null && f.live() != null && f.live().stats() != null) out.putAll(io.castline.engine.stats.StatsJson.map(f.live().stats()));
        out.put("live", liveStatus.state() == LiveState.LIVE);
        out.put("state", liveStatus.state().name());
        if (f != null && f.program() != null && f.program().fps() != null) out.put("program_fps", f.program().fps());
        return out;
    }

    public ReadOnlyObjectProperty<StudioProfile> profileProperty() { return profile.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<LiveState> liveStateProperty() { return liveStatus.stateProperty(); }
    public ReadOnlyBooleanProperty liveProperty() { return liveStatus.liveProperty(); }
    /** Time on air since Go Live ("00:00:00" off air). */
    public ReadOnlyStringProperty timerTextProperty() { return liveStatus.timerTextProperty(); }
    /** True while the timer counts (live, or ending): off air the view dims it. */
    public ReadOnlyBooleanProperty timerOnAirProperty() { return liveStatus.timerOnAirProperty(); }
    public ReadOnlyStringProperty goLiveTextProperty() { return liveStatus.goLiveTextProperty(); }
    public ReadOnlyBooleanProperty goLiveDisabledProperty() { return liveStatus.goLiveDisabledProperty(); }
    public ReadOnlyStringProperty statusTextProperty() { return liveStatus.statusTextProperty(); }
    /** A recording runs: the Record button says Stop recording. */
    public ReadOnlyBooleanProperty recordingOnProperty() { return recorder.onProperty(); }
    /** Starting or stopping the recording: the Record button waits. */
    public ReadOnlyBooleanProperty recordBusyProperty() { return recorder.busyProperty(); }
}
