import com.adobe.epubcheck.tool.EpubChecker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

/** EPUBCheck on several EPUBs in one JVM (its command line takes one file, and starting
 *  Java costs seconds). Prints, for each file, "exit-code<TAB>path" and then its messages. */
public class EpubCheckMany {
    public static void main(String[] paths) {
        PrintStream out = System.out, err = System.err;
        for (String path : paths) {
            ByteArrayOutputStream messages = new ByteArrayOutputStream();
            PrintStream capture = new PrintStream(messages, true);
            System.setOut(capture);
            System.setErr(capture);
            int code = new EpubChecker().run(new String[] {path, "--quiet", "--failonwarnings"});
            System.setOut(out);
            System.setErr(err);
            out.println(code + "\t" + path);
            out.print(messages);
        }
    }
}
