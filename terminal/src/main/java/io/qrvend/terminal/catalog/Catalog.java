package io.qrvend.terminal.catalog;

import java.util.List;
import java.util.Optional;

/** The products the machine sells, as the engine reads them at each selection. */
public interface Catalog {

    Optional<Slot> slot(String id);

    /** Every slot, ordered by id. */
    List<Slot> slots();
}
