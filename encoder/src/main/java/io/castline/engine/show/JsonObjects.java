package io.castline.engine.show;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.castline.engine.settings.InvalidSettingsException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a settings or show file as one JSON object and says in one plain line what is wrong when
 * it is not one ("show: /path/p.json: not valid JSON at line 3, column 5 (unexpected character
 * '}')"), instead of Jackson's message with its source excerpt and type names.
 */
public final class JsonObjects {
    private static final ObjectMapper TREE = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern UNEXPECTED_CHAR = Pattern.compile("^Unexpected character \\('(.+?)' \\(code \\d+\\)\\)");
    private static final Pattern UNRECOGNIZED = Pattern.compile("^Unrecognized token '(.*?)'");

    private JsonObjects() {}

    /** The file's JSON object; an {@link InvalidSettingsException} for {@code field} naming the file otherwise. */
    public static JsonNode readObject(Path file, String field) {
        if (Files.isDirectory(file)) throw problem(field, file, "is a directory, not a settings file");
        if (!Files.exists(file)) throw problem(field, file, "no such file");
        JsonNode root;
        try {
            root = TREE.readTree(Files.readAllBytes(file));
        } catch (JsonParseException e) {
            throw problem(field, file, "not valid JSON" + at(e.getLocation()) + " (" + plain(e.getOriginalMessage()) + ")");
        } catch (MismatchedInputException e) {
            // FAIL_ON_TRAILING_TOKENS: something after the closing brace
            throw problem(field, file, "not valid JSON" + at(e.getLocation()) + " (more after the end of the settings object)");
        } catch (AccessDeniedException e) {
            throw problem(field, file, "cannot read it (permission denied)");
        } catch (IOException e) {
            throw problem(field, file, "cannot read it (" + e.getMessage() + ")");
        }
        if (root == null || root.isMissingNode() || root.isNull()) throw problem(field, file, "is empty");
        if (!root.isObject()) {
            throw problem(field, file, "expected a JSON object {…} with the settings, found " + describe(root));
        }
        return root;
    }

    /** "expected a whole number, found text "abc"" for a value of the wrong type. */
    public static String expected(JsonMappingException e, JsonNode root) {
        Class<?> type = e instanceof MismatchedInputException m ? m.getTargetType() : null;
        String want = type == null ? "another kind of value"
                : type == Integer.class || type == int.class ? "a whole number"
                : type == Double.class || type == double.class ? "a number"
                : type == String.class ? "text"
                : "a " + type.getSimpleName();
        JsonNode found = root.at(pointer(e));
        if (e instanceof InvalidFormatException f && found.isMissingNode()) return "expected " + want + ", found " + f.getValue();
        return "expected " + want + (found.isMissingNode() ? "" : ", found " + describe(found));
    }

    private static JsonPointer pointer(JsonMappingException e) {
        JsonPointer p = JsonPointer.empty();
        for (JsonMappingException.Reference r : e.getPath()) {
            p = r.getFieldName() != null ? p.appendProperty(r.getFieldName()) : p.appendIndex(r.getIndex());
        }
        return p;
    }

    static String describe(JsonNode node) {
        if (node.isArray()) return "an array";
        if (node.isObject()) return "an object";
        if (node.isTextual()) return "text \"" + node.asText() + "\"";
        if (node.isBoolean()) return node.asText();
        if (node.isNull()) return "null";
        if (node.isNumber()) return "the number " + node.asText();
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String at(JsonLocation where) {
        if (where == null || where.getLineNr() < 1) return "";
        return " at line " + where.getLineNr() + ", column " + where.getColumnNr();
    }

    /** Jackson's parser message in a few words: "unexpected character '}'", "the file ends too early". */
    static String plain(String message) {
        if (message == null) return "unreadable";
        Matcher m = UNEXPECTED_CHAR.matcher(message);
        if (m.find()) return "unexpected character '" + m.group(1) + "'";
        m = UNRECOGNIZED.matcher(message);
        if (m.find()) return "unknown word '" + m.group(1) + "'";
        if (message.contains("end-of-input")) return "the file ends too early";
        String first = message.lines().findFirst().orElse(message);
        int colon = first.indexOf(':');
        return (colon > 0 ? first.substring(0, colon) : first).toLowerCase(java.util.Locale.ROOT);
    }

    private static InvalidSettingsException problem(String field, Path file, String what) {
        return new InvalidSettingsException(field, file + ": " + what);
    }
}
