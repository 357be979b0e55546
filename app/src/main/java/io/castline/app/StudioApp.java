package io.castline.app;

import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The studio window. For now a shell that starts (the engine is driven headless by
 * {@code castline live}); the studio screens arrive with their own issue.
 */
public final class StudioApp extends Application {
    @Override public void start(Stage stage) {
        Label title = new Label("Castline Studio");
        title.setStyle("-fx-font-size: 28px; -fx-text-fill: #e8eaed; -fx-font-weight: bold;");
        Label hint = new Label("The studio is under construction. Go live headless with: castline live --help");
        hint.setStyle("-fx-text-fill: #9aa0a6; -fx-font-size: 14px;");
        VBox root = new VBox(12, title, hint);
        root.setAlignment(Pos.CENTER);
        root.setPadding(new Insets(32));
        root.setStyle("-fx-background-color: #1b1e24;");
        stage.setTitle("Castline Studio");
        stage.setScene(new Scene(root, 960, 540));
        stage.show();
    }
}
