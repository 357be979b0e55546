package io.castline.installers;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the packages are made with, where no other platform's build can be run here. */
class PackagerTest {

    @Test
    void versionsAreNumbersAndMacOsNeverStartsWithZero() {
        assertThat(Packager.packageVersion("0.1.0-SNAPSHOT", Packager.Os.LINUX)).isEqualTo("0.1.0");
        assertThat(Packager.packageVersion("0.1.0", Packager.Os.WINDOWS)).isEqualTo("0.1.0");
        assertThat(Packager.packageVersion("0.1.0-SNAPSHOT", Packager.Os.MAC)).isEqualTo("1.0.1");
        assertThat(Packager.packageVersion("2.3.4", Packager.Os.MAC)).isEqualTo("2.3.4");
        assertThatThrownBy(() -> Packager.packageVersion("1.0-beta", Packager.Os.LINUX)).hasMessageContaining("1.0-beta");
    }

    @Test
    void theMacInfoPlistAsksForTheCameraAndMicrophoneAndKeepsJpackagesPlaceholders() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = f.newDocumentBuilder().parse(Path.of("macos", "Info.plist").toFile());
        Map<String, String> dict = new LinkedHashMap<>();
        NodeList children = ((Element) doc.getElementsByTagName("dict").item(0)).getChildNodes();
        String key = null;
        for (int i = 0; i < children.getLength(); i++) {
            if (!(children.item(i) instanceof Element e)) continue;
            if (e.getTagName().equals("key")) key = e.getTextContent();
            else dict.put(key, e.getTagName().equals("string") ? e.getTextContent() : e.getTagName());
        }
        assertThat(dict.get("NSCameraUsageDescription")).contains("camera");
        assertThat(dict.get("NSMicrophoneUsageDescription")).contains("microphone");
        assertThat(dict).containsEntry("CFBundleExecutable", "DEPLOY_LAUNCHER_NAME")
                .containsEntry("CFBundleIdentifier", "DEPLOY_BUNDLE_IDENTIFIER")
                .containsEntry("CFBundleShortVersionString", "DEPLOY_BUNDLE_SHORT_VERSION")
                .containsEntry("CFBundleIconFile", "DEPLOY_ICON_FILE");
    }

    @Test
    void theJvmOptionsAreTheDevelopmentLaunchersOwn() throws Exception {
        String script = java.nio.file.Files.readString(Path.of("..", "castline"));
        for (String o : Packager.JAVA_OPTIONS) assertThat(script).as("./castline gives the studio " + o).contains(o);
    }
}
