package io.castline.app.planner;

/** One rung of the ladder as the host types it: a name, its bitrate, and the percentage of viewers who watch it. */
public final class RenditionRow {
    private final PlannerField name;
    private final PlannerField bitrate;
    private final PlannerField share;

    RenditionRow(String name, String bitrate, String sharePercent) {
        this.name = new PlannerField(name);
        this.bitrate = new PlannerField(bitrate);
        this.share = new PlannerField(sharePercent);
    }

    public PlannerField name() { return name; }
    public PlannerField bitrate() { return bitrate; }
    /** Percentage of viewers, 0 to 100. */
    public PlannerField share() { return share; }
}
