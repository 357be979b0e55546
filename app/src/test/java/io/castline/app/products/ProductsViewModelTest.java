package io.castline.app.products;

import io.castline.app.engine.FakeEngine;
import io.castline.app.notify.Notice;
import io.castline.app.show.StudioShow;
import io.castline.engine.commerce.Product;
import io.castline.engine.show.Show;
import io.castline.engine.show.ShowFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The products dock's rules: pins through the engine, live edits as undoable edits checked by the engine's rules. */
class ProductsViewModelTest {
    private final FakeEngine engine = new FakeEngine();
    private final List<Notice> notices = new ArrayList<>();
    private StudioShow show;
    private ProductsViewModel vm;

    @BeforeEach
    void show() {
        Show s = parse("""
                {"version": 2, "canvas": {"width": 640, "height": 360, "fps": 30},
                 "sources": [{"name": "Blue", "kind": "color", "color": "#2040C0"}],
                 "scenes": [{"name": "Main", "layers": [{"source": "Blue"}]}], "program": "Main",
                 "products": [{"sku": "TEE", "title": "Tee", "variant": "M", "price": "19.00", "compare_at_price": "29.00",
                               "currency": "USD", "stock": 5},
                              {"sku": "MUG", "title": "Mug", "price": "9.50", "currency": "USD"}]}
                """);
        show = new StudioShow(s, null);
        engine.shown = s;
        vm = new ProductsViewModel(show, engine, notices::add, Runnable::run);
    }

    private Product tee() { return show.current().product("TEE").orElseThrow(); }

    @Test
    void pinsMarkTheProductAndStepRoundTheCatalogue() {
        vm.pin("MUG");
        assertThat(vm.pinnedProperty().get().sku()).isEqualTo("MUG");
        vm.pinNext();
        assertThat(vm.pinnedProperty().get().sku()).as("round the end").isEqualTo("TEE");
        vm.togglePin("TEE");
        assertThat(vm.pinnedProperty().get()).as("the pin button again takes it down").isNull();
        assertThat(engine.calls).containsExactly("pin MUG", "pin step 1", "unpin");
        assertThat(show.canUndoProperty().get()).as("a pin is not an edit").isFalse();
    }

    @Test
    void aPinTheEngineRefusesIsToldAndNothingIsMarked() {
        vm.pin("HAT");
        assertThat(vm.pinnedProperty().get()).isNull();
        assertThat(notices).singleElement().satisfies(n -> assertThat(n.text()).isEqualTo("no product has the SKU 'HAT'"));
    }

    @Test
    void aPriceIsAnUndoableEditAndTheCardFollowsTheShow() {
        vm.pin("TEE");
        assertThat(vm.editPrice("TEE", " 12.50 ")).isNull();
        assertThat(tee().price()).isEqualByComparingTo("12.50");
        assertThat(tee().compareAtPrice()).as("still a saving: kept").isEqualByComparingTo("29.00");
        assertThat(vm.pinnedProperty().get().price()).as("the pinned product as the show has it").isEqualByComparingTo("12.50");
        show.undo();
        assertThat(tee().price()).isEqualByComparingTo("19.00");
    }

    @Test
    void aPriceAtOrAboveTheCompareAtPriceDropsIt() {
        assertThat(vm.editPrice("TEE", "29.00")).isNull();
        assertThat(tee().compareAtPrice()).as("no saving left to show").isNull();
    }

    @Test
    void badInputIsRefusedInWordsAndChangesNothing() {
        Show before = show.current();
        assertThat(vm.editPrice("TEE", "12,50")).isEqualTo("'12,50' is not a price: write it like 19.99");
        assertThat(vm.editPrice("TEE", "-1")).contains("products[0].price");
        assertThat(vm.editStock("TEE", "many")).isEqualTo("'many' is not a number of items");
        assertThat(vm.editCompareAtPrice("TEE", "x")).isEqualTo("'x' is not a price: write it like 24.99");
        assertThat(vm.editPrice("HAT", "1.00")).isEqualTo("no product has the SKU 'HAT'");
        assertThat(show.current()).isSameAs(before);
    }

    @Test
    void stockEmptyIsNotTrackedZeroIsSoldOut() {
        assertThat(vm.editStock("TEE", "")).isNull();
        assertThat(tee().stock()).isNull();
        assertThat(vm.markSoldOut("TEE")).isNull();
        assertThat(tee().soldOut()).isTrue();
    }

    @Test
    void theRemotesEditTakesZeroAsNoCompareAtPrice() {
        assertThat(vm.edit("TEE", new BigDecimal("15.00"), BigDecimal.ZERO, 3)).isNull();
        assertThat(tee().price()).isEqualByComparingTo("15.00");
        assertThat(tee().compareAtPrice()).isNull();
        assertThat(tee().stock()).isEqualTo(3);
    }

    @Test
    void aSaleTheProgramEndedSoldOutIsTakenInOnceWithUndo() {
        vm.takeProgramChange(tee().withStock(0));
        assertThat(tee().soldOut()).isTrue();
        assertThat(show.undoTextProperty().get()).isEqualTo("Undo Sold out: Tee — M");
        vm.takeProgramChange(tee());
        show.undo();
        assertThat(tee().stock()).as("one step, not two").isEqualTo(5);
    }

    @Test
    void aShopifyExportIsImportedAsOneEditTheBadRowsToldByLineAndColumn(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path csv = dir.resolve("products_export.csv");
        java.nio.file.Files.writeString(csv, """
                Handle,Title,Option1 Name,Option1 Value,Variant SKU,Variant Price,Variant Compare At Price,Variant Inventory Qty,Image Src
                tee,Tee,Size,M,TEE,17.00,29.00,4,pictures/tee.png
                hat,Hat,Size,One,HAT,twelve,,3,
                cap,Cap,Size,One,CAP,8.00,,,https://cdn.example/cap.jpg
                """);
        String said = vm.importCatalogue(csv, "usd", "https://shop.example");
        assertThat(said).startsWith("2 products from products_export.csv (1 replaced, 1 new); 1 rows left out: line 3, Variant Price");
        assertThat(tee().price()).as("the export's price replaced the show's").isEqualByComparingTo("17.00");
        assertThat(tee().image()).as("found from the file's folder").isEqualTo(dir.resolve("pictures/tee.png").toString());
        assertThat(show.current().product("CAP").orElseThrow().url()).isEqualTo("https://shop.example/products/cap");
        assertThat(show.current().products()).extracting(Product::sku).containsExactly("TEE", "MUG", "CAP");
        assertThat(notices).singleElement().satisfies(n -> assertThat(n.severity()).isEqualTo(Notice.Severity.WARNING));
        show.undo();
        assertThat(show.current().products()).as("one undo takes the import back").extracting(Product::sku).containsExactly("TEE", "MUG");
    }

    @Test
    void aFileWithNothingReadableChangesNothing(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path csv = dir.resolve("empty.csv");
        java.nio.file.Files.writeString(csv, "sku,title,price\nX,,oops\n");
        Show before = show.current();
        assertThat(vm.importCatalogue(csv, "USD", "")).startsWith("No product could be read from empty.csv: line 2");
        assertThat(vm.importCatalogue(dir.resolve("gone.csv"), "USD", "")).contains("no such file");
        assertThat(show.current()).isSameAs(before);
        assertThat(vm.defaultCurrency()).as("the show's one currency").isEqualTo("USD");
    }

    private static Show parse(String json) {
        try {
            return ShowFile.parse(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
