using System.Globalization;
using System.Text;
using System.Xml;
using Bench.Compare.Verdicts;

namespace Bench.Compare.Formats;

/// <summary>
/// JUnit XML for CI test reporters, valid against Jenkins' junit-10.xsd (tests/Bench.Compare.Tests/Schemas):
/// a test case per cell with the current run's time for it, a failure for each cell that fails the gate,
/// skipped for unknown (undecided is not a pass). Environment differences come first, as an XML comment
/// and as suite properties. XmlWriter escapes the XML specials; characters XML cannot carry at all
/// (control characters in a crafted name) are replaced first.
/// </summary>
public sealed class JUnitFormat : IReportFormat
{
    public string Name => "junit";

    public string Render(ComparisonReport report)
    {
        var builder = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), OmitXmlDeclaration = false };
        using (var xml = XmlWriter.Create(new StringWriterUtf8(builder), settings))
        {
            xml.WriteStartDocument();
            if (report.EnvironmentDifferences.Count > 0)
            {
                xml.WriteComment(Comment("environments differ, timings may not be comparable: " + string.Join("; ", report.EnvironmentDifferences)));
            }

            var failures = report.Failing.Count;
            var skipped = report.Count(Verdict.Unknown);
            var total = report.Cells.Count.ToString(CultureInfo.InvariantCulture);
            var time = Seconds(report.Cells.Sum(c => c.CurrentSeconds ?? 0));
            // junit-10.xsd (Jenkins) allows skipped on a testsuite, not on testsuites: the counts of the root are name, tests, failures, errors, time.
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", report.Command);
            xml.WriteAttributeString("tests", total);
            xml.WriteAttributeString("failures", failures.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("errors", "0");
            xml.WriteAttributeString("time", time);
            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", report.Command);
            xml.WriteAttributeString("tests", total);
            xml.WriteAttributeString("failures", failures.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("errors", "0");
            xml.WriteAttributeString("skipped", skipped.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("time", time);

            xml.WriteStartElement("properties");
            foreach (var difference in report.EnvironmentDifferences)
            {
                Property(xml, $"environment.differs.{difference.Field.Replace(' ', '-')}", $"{difference.Baseline} vs {difference.Current}");
            }

            Property(xml, "baseline", report.BaselineSource);
            foreach (var (source, index) in report.EarlierBaselineSources.Select((s, i) => (s, i)))
            {
                Property(xml, $"baseline.history.{index + 1}", source);
            }

            Property(xml, "current", report.CurrentSource);
            Property(xml, "threshold", report.Options.Threshold.Text);
            Property(xml, "noise", report.Options.Noise.Text);
            Property(xml, "alpha", Display.Number(report.Options.Alpha));
            if (report.GeometricMeanRatio is { } geometricMean)
            {
                Property(xml, "geometric-mean-ratio", geometricMean.ToString("0.0000", CultureInfo.InvariantCulture));
            }

            xml.WriteEndElement();

            foreach (var cell in report.Cells)
            {
                xml.WriteStartElement("testcase");
                xml.WriteAttributeString("classname", Clean("bench." + cell.Group));
                xml.WriteAttributeString("name", Clean(cell.Name));
                xml.WriteAttributeString("time", Seconds(cell.CurrentSeconds ?? 0));
                var message = Clean($"{cell.Verdict.Name()}: {cell.Reason}");
                if (report.Fails(cell))
                {
                    xml.WriteStartElement("failure");
                    xml.WriteAttributeString("type", cell.Verdict.Name());
                    xml.WriteAttributeString("message", message);
                    xml.WriteString(message);
                    xml.WriteEndElement();
                }
                else if (cell.Verdict == Verdict.Unknown)
                {
                    xml.WriteStartElement("skipped");
                    xml.WriteAttributeString("message", message);
                    xml.WriteEndElement();
                }
                else
                {
                    xml.WriteElementString("system-out", message);
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return builder.AppendLine().ToString();
    }

    /// <summary>
    /// A time in seconds as junit-10.xsd's SUREFIRE_TIME takes it (digits, a dot, no exponent): the seconds the
    /// current run's samples of a cell took — the time a CI test view shows beside the case.
    /// </summary>
    private static string Seconds(double seconds) => seconds.ToString("0.000", CultureInfo.InvariantCulture);

    private static void Property(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", Clean(name));
        xml.WriteAttributeString("value", Clean(value));
        xml.WriteEndElement();
    }

    /// <summary>Replaces characters XML 1.0 cannot represent (escaping cannot help them) with U+FFFD.</summary>
    private static string Clean(string text) => new(text.Select(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c) ? c : '\uFFFD').ToArray());

    /// <summary>A comment may not contain "--" nor end with "-".</summary>
    private static string Comment(string text) => " " + Clean(text).Replace("--", "- -", StringComparison.Ordinal).TrimEnd('-') + " ";

    /// <summary>StringWriter reports UTF-16 by default, which would put encoding="utf-16" in the declaration.</summary>
    private sealed class StringWriterUtf8(StringBuilder builder) : StringWriter(builder, CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => new UTF8Encoding(false);
    }
}
