package io.castline.app.ui;

/** Style class names used by the views and styled in {@code studio.css}; one place, no typos. */
public final class Css {
    private Css() {}

    public static final String STYLESHEET = "/io/castline/app/studio.css";

    /**
     * AtlantaFX Primer Dark, used as the user-agent stylesheet. Only its CSS resource is used:
     * atlantafx-base 2.1.0's classes are compiled for Java 21 and cannot load on Java 17, but the
     * stylesheet is plain JavaFX CSS.
     */
    public static final String THEME = "/atlantafx/base/theme/primer-dark.css";

    /** AtlantaFX's pseudo-class for a field in error (red border). */
    public static final javafx.css.PseudoClass DANGER = javafx.css.PseudoClass.getPseudoClass("danger");

    public static final String ROOT = "studio";
    public static final String ICON = "studio-icon";

    // top bar
    public static final String TOP_BAR = "top-bar";
    public static final String APP_NAME = "app-name";
    public static final String LIVE_BADGE = "live-badge";
    public static final String LIVE_TIMER = "live-timer";
    /** The timer off air: 00:00:00, dimmed. */
    public static final String LIVE_TIMER_OFF = "off-air";
    public static final String GO_LIVE = "go-live";
    /** AtlantaFX's accent button (studio mode's Transition). */
    public static final String ACCENT_BUTTON = "accent";
    public static final String END_LIVE = "end-live";
    /** The Record button while a recording runs. */
    public static final String RECORDING_ON = "recording-on";
    public static final String STATUS_LINE = "status-line";
    /** AtlantaFX's red button, for the answer that ends something (End Live in its question). */
    public static final String DANGER_BUTTON = "danger";
    /** AtlantaFX's outlined variant: a red outline, so the safe default beside it stands out. */
    public static final String OUTLINED_BUTTON = "button-outlined";

    // panels and cards
    public static final String PANEL = "panel";
    /** A dock under the preview (scenes, sources): a panel that shares the row. */
    public static final String DOCK = "dock";
    /** The sources / products / run of show dock: a tab pane styled as a dock. */
    public static final String TABBED_DOCK = "tabbed-dock";
    /** The scene on air, in the scenes dock. */
    public static final String ON_AIR = "on-air";
    /** The chosen layer's outline and handles over the preview. */
    public static final String LAYER_OUTLINE = "layer-outline";
    public static final String LAYER_HANDLE = "layer-handle";
    /** A hidden layer's row in the sources dock. */
    public static final String LAYER_HIDDEN = "layer-hidden";
    /** Under a field of the add-source dialog: the validator's words. */
    public static final String FIELD_PROBLEM = "field-problem";
    public static final String PANEL_TITLE = "panel-title";
    public static final String RIGHT_COLUMN = "right-column";
    public static final String CARD = "output-card";
    public static final String CARD_TITLE = "card-title";
    public static final String CARD_STATE = "card-state";
    public static final String CARD_DETAIL = "card-detail";
    public static final String CARD_URL = "card-url";
    public static final String METRIC = "metric";
    public static final String METRIC_VALUE = "metric-value";
    public static final String METRIC_LABEL = "metric-label";
    public static final String MUTED_TEXT = "muted-text";
    public static final String SPARKLINE = "sparkline";

    /** Health colours: one of these on a state label, gauge or figure at a time. */
    public static final String HEALTH_OK = "health-ok";
    public static final String HEALTH_WARN = "health-warn";
    public static final String HEALTH_BAD = "health-bad";
    public static final String HEALTH_IDLE = "health-idle";
    public static final String HEALTH_ACTIVE = "health-active";
    public static final String[] HEALTH_ALL = {HEALTH_OK, HEALTH_WARN, HEALTH_BAD, HEALTH_IDLE, HEALTH_ACTIVE};

    // preview
    public static final String PREVIEW = "preview-pane";
    public static final String PREVIEW_SCREEN = "preview-screen";
    public static final String PREVIEW_TOGGLE = "preview-toggle";

    // uplink gauge
    public static final String GAUGE = "headroom-gauge";
    public static final String GAUGE_TRACK = "gauge-track";
    public static final String GAUGE_FILL = "gauge-fill";
    public static final String GAUGE_MARK = "gauge-mark";
    public static final String GAUGE_MARK_LABEL = "gauge-mark-label";
    public static final String GAUGE_EGRESS = "gauge-egress";

    // stats bar
    public static final String STATS_BAR = "stats-bar";
    public static final String STAT = "stat";

    // audio
    public static final String MIXER = "audio-mixer";
    public static final String CHANNEL = "channel-strip";
    public static final String METER = "level-meter";
    public static final String METER_RMS = "meter-rms";
    public static final String METER_PEAK = "meter-peak";
    /** The mute toggle: a red, struck-through speaker when muted (not the accent of a toggle that is "on"). */
    public static final String MUTE_BUTTON = "mute-button";
    /** "No signal from …" on a channel strip. */
    public static final String SIGNAL_WARNING = "signal-warning";

    // notifications
    public static final String TOASTS = "toasts";
    public static final String TOAST = "toast";
    public static final String TOAST_TITLE = "toast-title";
    public static final String TOAST_TEXT = "toast-text";
    public static final String TOAST_CLOSE = "toast-close";

    // settings
    public static final String SETTINGS = "settings";
    public static final String FIELD_ERROR = "field-error";
    public static final String INVALID = "invalid";
    public static final String HINT = "hint";
    /** The shortcut list's PopOver (ControlsFX), and the grid in it. */
    public static final String SHORTCUTS_POPOVER = "shortcuts-popover";
    public static final String SHORTCUTS = "shortcuts";
    /** A shortcut's keys in the shortcut list. */
    public static final String SHORTCUT_KEYS = "shortcut-keys";
    /** A destination's "Test connection" result (with a health class). */
    public static final String CONNECTION_STATUS = "connection-status";

    // bandwidth planner
    public static final String PLANNER = "planner";
    public static final String PLANNER_TOTAL = "planner-total";

    /** Sets exactly one health class on a node. */
    public static void setHealth(javafx.scene.Node node, String health) {
        node.getStyleClass().removeAll(HEALTH_ALL);
        if (health != null) node.getStyleClass().add(health);
    }

    /** Keeps a node's health class in step with a view-model's health property. */
    public static void bindHealth(javafx.scene.Node node, javafx.beans.value.ObservableValue<String> health) {
        setHealth(node, health.getValue());
        health.addListener((o, a, b) -> setHealth(node, b));
    }
}
