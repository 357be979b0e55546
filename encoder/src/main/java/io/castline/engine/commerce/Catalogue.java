package io.castline.engine.commerce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an import read: the products it could take, each checked by {@link ProductRules}, and a
 * problem for each row or field it could not, by line and column.
 */
public record Catalogue(List<Product> products, List<ImportProblem> problems) {
    public Catalogue {
        products = List.copyOf(products);
        problems = List.copyOf(problems);
    }

    /**
     * {@code existing} with these products in: one with the SKU of an existing product replaces it
     * where it stands (a new export updates prices and stock), the others follow in the file's order.
     */
    public List<Product> mergeInto(List<Product> existing) {
        Map<String, Product> bySku = new LinkedHashMap<>();
        for (Product p : existing) bySku.put(p.sku(), p);
        for (Product p : products) bySku.put(p.sku(), p);
        return new ArrayList<>(bySku.values());
    }
}
