package io.castline.app.profile;

/**
 * A process of its own for {@link SystemKeyringTest}: saves a profile with a stream key through the
 * studio's own store ({@link ProfileStore#forUser()}), or loads it and prints the key it got back.
 */
public final class KeyringRoundTrip {
    private KeyringRoundTrip() {}

    public static void main(String[] args) throws Exception {
        ProfileStore store = ProfileStore.forUser();
        if (args[0].equals("save")) {
            store.save(StudioProfile.defaults().withDestinations(new StudioProfile.Destinations(
                    new StudioProfile.Ingest("rtmp://a.example.com/live", args[1]), StudioProfile.Ingest.NONE)));
            System.out.println("saved to " + store.keysWhere());
        } else {
            ProfileStore.Loaded l = store.load();
            System.out.println("key=" + l.profile().ingest("primary").key() + " problem=" + l.problem()
                    + " where=" + store.keysWhere());
        }
    }
}
