package io.castline.app.ui;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignB;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignK;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;
import org.kordamp.ikonli.materialdesign2.MaterialDesignV;

/**
 * Every icon the studio shows, by what it means rather than by glyph, so the icon font can change
 * in one place.
 */
public enum StudioIcon {
    APP(MaterialDesignB.BROADCAST),
    GO_LIVE(MaterialDesignB.BROADCAST),
    END_LIVE(MaterialDesignS.STOP_CIRCLE_OUTLINE),
    SETTINGS(MaterialDesignC.COG_OUTLINE),
    RETRY(MaterialDesignR.REFRESH),
    BANDWIDTH_TEST(MaterialDesignS.SPEEDOMETER),
    UPLINK(MaterialDesignU.UPLOAD_NETWORK),
    OUTPUT_PRIMARY(MaterialDesignS.SERVER_NETWORK),
    OUTPUT_BACKUP(MaterialDesignS.SERVER),
    OUTPUT_EXTRA(MaterialDesignC.CAST),
    OUTPUT_RECORDING(MaterialDesignR.RECORD_REC),
    CPU(MaterialDesignC.CHIP),
    MEMORY(MaterialDesignM.MEMORY),
    FRAMES(MaterialDesignF.FILMSTRIP),
    NETWORK_DROPS(MaterialDesignA.ACCESS_POINT_NETWORK),
    TIMER(MaterialDesignT.TIMER_OUTLINE),
    VOLUME(MaterialDesignV.VOLUME_HIGH),
    MUTED(MaterialDesignV.VOLUME_OFF),
    MICROPHONE(MaterialDesignM.MICROPHONE),
    /** A source that gives nothing (on its channel strip). */
    NO_SIGNAL(MaterialDesignM.MICROPHONE_OFF),
    KEYBOARD(MaterialDesignK.KEYBOARD_OUTLINE),
    FOLDER(MaterialDesignF.FOLDER_OPEN),
    KEY(MaterialDesignK.KEY_VARIANT),
    OK(MaterialDesignC.CHECK_CIRCLE),
    WARNING(MaterialDesignA.ALERT),
    ERROR(MaterialDesignA.ALERT_CIRCLE),
    INFO(MaterialDesignI.INFORMATION_OUTLINE),
    HEALTH(MaterialDesignH.HEART_PULSE),
    PLANNER(MaterialDesignC.CALCULATOR_VARIANT_OUTLINE),
    AUDIENCE(MaterialDesignA.ACCOUNT_GROUP_OUTLINE),
    TEST_CONNECTION(MaterialDesignL.LAN_CONNECT),
    PREVIEW_ON(MaterialDesignE.EYE_OUTLINE),
    PREVIEW_OFF(MaterialDesignE.EYE_OFF_OUTLINE),
    ADD(MaterialDesignP.PLUS),
    REMOVE(MaterialDesignC.CLOSE),
    SCENES(MaterialDesignV.VIEW_CAROUSEL_OUTLINE),
    LAYERS(MaterialDesignL.LAYERS_OUTLINE),
    ON_AIR(MaterialDesignC.CIRCLE),
    MOVE_UP(MaterialDesignA.ARROW_UP),
    MOVE_DOWN(MaterialDesignA.ARROW_DOWN),
    DUPLICATE(MaterialDesignC.CONTENT_COPY),
    RENAME(MaterialDesignP.PENCIL_OUTLINE),
    VISIBLE(MaterialDesignE.EYE_OUTLINE),
    HIDDEN(MaterialDesignE.EYE_OFF_OUTLINE),
    LOCKED(MaterialDesignL.LOCK_OUTLINE),
    UNLOCKED(MaterialDesignL.LOCK_OPEN_VARIANT_OUTLINE),
    TEMPLATE(MaterialDesignV.VIEW_DASHBOARD_OUTLINE),
    TRANSITION(MaterialDesignA.ARROW_RIGHT_BOLD),
    UNDO(MaterialDesignU.UNDO),
    REDO(MaterialDesignR.REDO),
    PRODUCTS(MaterialDesignT.TAG_OUTLINE),
    PIN(MaterialDesignP.PIN_OUTLINE),
    UNPIN(MaterialDesignP.PIN_OFF_OUTLINE),
    NEXT(MaterialDesignS.SKIP_NEXT),
    PREVIOUS(MaterialDesignS.SKIP_PREVIOUS),
    CUES(MaterialDesignF.FORMAT_LIST_NUMBERED),
    COUNTDOWN(MaterialDesignT.TIMER_SAND),
    START(MaterialDesignP.PLAY),
    PAUSE(MaterialDesignP.PAUSE),
    RESET(MaterialDesignR.RESTORE),
    REMOTE(MaterialDesignC.CELLPHONE_LINK),
    IMPORT(MaterialDesignF.FILE_IMPORT_OUTLINE);

    private final Ikon ikon;

    StudioIcon(Ikon ikon) { this.ikon = ikon; }

    public Ikon ikon() { return ikon; }

    /** A new icon node (a node can only sit in one place of the scene graph). */
    public FontIcon node() {
        FontIcon icon = new FontIcon(ikon);
        icon.getStyleClass().add(Css.ICON);
        return icon;
    }

    public FontIcon node(int size) {
        FontIcon icon = node();
        icon.setIconSize(size);
        return icon;
    }
}
