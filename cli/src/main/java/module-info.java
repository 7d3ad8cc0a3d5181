/**
 * The {@code huxley} command line (simulate, grad, fit, bench). Not a library: it exports nothing
 * and picks the logging binding (slf4j-simple). Its commands are opened to picocli, which fills
 * their options by reflection.
 */
// "requires-automatic": xchart has no module descriptor; "xchart" is derived from its jar name.
@SuppressWarnings("requires-automatic")
module org.huxley.cli {
    requires org.huxley.core;
    requires org.huxley.adjoint;
    requires org.huxley.io;
    requires info.picocli;
    requires me.tongfei.progressbar;
    requires xchart;
    requires java.desktop;
    requires java.management;
    requires jdk.management;
    requires tools.jackson.databind;
    requires org.slf4j;

    opens org.huxley.cli to info.picocli;
}
