package io.castline.engine.commerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.castline.engine.settings.Problems;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;

/**
 * A product as JSON, the same in the show file's {@code products} and in a JSON catalogue: {@code
 * {"sku", "title", "variant", "price", "compare_at_price", "currency", "image", "stock", "url"}}.
 * Prices are written as text ("19.99") so that no reader turns them into binary fractions; either
 * text or a number is read.
 */
public final class ProductJson {
    /** The fields, in the order they are written. */
    public static final List<String> FIELDS = List.of("sku", "title", "variant", "price", "compare_at_price", "currency",
            "image", "stock", "url");

    private ProductJson() {}

    /** The product in {@code node}, its problems of shape (unknown field, wrong type) added to {@code p}. */
    public static Product read(JsonNode node, Problems p) {
        if (!node.isObject()) {
            p.here("must be an object {\"sku\": …, \"title\": …, \"price\": …}");
            return new Product(null, null, null, null, null, null, null, null, null);
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) p.add(f, "is not a product field (" + String.join(", ", FIELDS) + ")");
        }
        return new Product(text(node, "sku", p), text(node, "title", p), text(node, "variant", p), amount(node, "price", p),
                amount(node, "compare_at_price", p), text(node, "currency", p), text(node, "image", p),
                whole(node, "stock", p), text(node, "url", p));
    }

    public static ObjectNode write(Product product) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("sku", product.sku());
        o.put("title", product.title());
        if (product.variant() != null) o.put("variant", product.variant());
        o.put("price", product.price() == null ? null : product.price().toPlainString());
        if (product.compareAtPrice() != null) o.put("compare_at_price", product.compareAtPrice().toPlainString());
        o.put("currency", product.currency());
        if (product.image() != null) o.put("image", product.image());
        if (product.stock() != null) o.put("stock", product.stock());
        if (product.url() != null) o.put("url", product.url());
        return o;
    }

    private static String text(JsonNode node, String field, Problems p) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) {
            p.add(field, "must be text");
            return null;
        }
        String s = v.asText().strip();
        return s.isEmpty() ? null : s;
    }

    private static BigDecimal amount(JsonNode node, String field, Problems p) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (v.isNumber()) return new BigDecimal(v.asText());
        if (v.isTextual()) {
            BigDecimal parsed = Amounts.parse(v.asText());
            if (parsed == null) p.add(field, "'" + v.asText() + "' is not an amount (write 19.99)");
            return parsed;
        }
        p.add(field, "must be an amount (19.99)");
        return null;
    }

    private static Integer whole(JsonNode node, String field, Problems p) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (v.isIntegralNumber() && v.canConvertToInt()) return v.asInt();
        p.add(field, "must be a whole number");
        return null;
    }
}
