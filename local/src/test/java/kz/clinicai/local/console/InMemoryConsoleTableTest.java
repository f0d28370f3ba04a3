package kz.clinicai.local.console;

import kz.clinicai.console.store.ConsoleTable;
import kz.clinicai.console.store.InMemoryConsoleTable;

/** The in-memory twin under the same contract as DynamoDbConsoleTableIT. */
class InMemoryConsoleTableTest extends ConsoleTableContract {

    @Override
    ConsoleTable table() {
        return new InMemoryConsoleTable();
    }
}
