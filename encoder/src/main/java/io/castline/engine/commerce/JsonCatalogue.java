package io.castline.engine.commerce;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.castline.engine.settings.Problems;
import io.castline.engine.settings.SettingsProblem;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON catalogue: an array of products as the show file writes them, or an object with such an
 * array under {@code products}. Read as a stream so that each product's problems carry the line it
 * starts on.
 */
final class JsonCatalogue {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonCatalogue() {}

    static Catalogue read(Path file, CatalogueImport.Options options) throws IOException {
        List<Product> products = new ArrayList<>();
        List<ImportProblem> problems = new ArrayList<>();
        Map<String, Integer> skuLines = new HashMap<>();
        try (JsonParser parser = JSON.createParser(file.toFile())) {
            if (!toProducts(parser, problems)) return new Catalogue(products, problems);
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                int line = parser.currentTokenLocation().getLineNr();
                JsonNode node = parser.readValueAsTree();
                Problems shape = new Problems();
                Product product = ProductJson.read(node, shape);
                for (SettingsProblem p : shape.all()) problems.add(new ImportProblem(line, column(p), p.message()));
                if (!shape.isEmpty()) continue;
                if (product.currency() == null) product = withCurrency(product, options.currency());
                if (product.sku() != null) {
                    Integer first = skuLines.putIfAbsent(product.sku(), line);
                    if (first != null) {
                        problems.add(new ImportProblem(line, "sku", "'" + product.sku() + "' is also the SKU on line " + first
                                + " (this product is left out)"));
                        continue;
                    }
                }
                CatalogueImport.keepIfValid(product, line, Map.of(), products, problems);
            }
        } catch (JsonParseException e) {
            problems.add(new ImportProblem(e.getLocation() == null ? 1 : e.getLocation().getLineNr(), null,
                    "not valid JSON from here (" + e.getOriginalMessage().lines().findFirst().orElse("") + "); the products before it are read"));
        }
        return new Catalogue(products, problems);
    }

    /** Moves the parser onto the products' array; false (with the problem) when the file has none. */
    private static boolean toProducts(JsonParser parser, List<ImportProblem> problems) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == JsonToken.START_ARRAY) return true;
        if (first == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("products") && value == JsonToken.START_ARRAY) return true;
                parser.skipChildren();
            }
        }
        problems.add(new ImportProblem(1, null, "expected an array of products, or an object with one under \"products\""));
        return false;
    }

    private static String column(SettingsProblem p) {
        return p.field().equals("show") ? null : p.field();
    }

    private static Product withCurrency(Product p, String currency) {
        return new Product(p.sku(), p.title(), p.variant(), p.price(), p.compareAtPrice(), currency, p.image(), p.stock(), p.url());
    }
}
