#include "mailcommand.h"

#include "cli/context.h"
#include "mail/emailrenderer.h"

namespace oc::cli {

namespace {

EmailBranding sampleBranding()
{
    return {QStringLiteral("Acme Voice"), QStringLiteral("support@acmevoice.example"), QUrl()};
}

ApprovalEmailData sampleApproval()
{
    ApprovalEmailData d;
    d.organizationName = QStringLiteral("Bayside Dental Care");
    d.ownerName = QStringLiteral("Maria Lopez");
    d.phoneNumber = QStringLiteral("+15105551234");
    d.inboundAssistantName = QStringLiteral("Bayside Dental Care inbound");
    d.inboundAssistantId = QStringLiteral("4f9c2e1a-7b3d-4c8e-9a21-5d6f0b7c3e12");
    d.outboundAssistantName = QStringLiteral("Bayside Dental Care outbound");
    d.outboundAssistantId = QStringLiteral("b81d7e44-2c0f-4a6b-8e35-91f2c4d8a760");
    d.setupDate = QDateTime(QDate(2025, 3, 14), QTime(9, 30), Qt::UTC);
    return d;
}

FailureEmailData sampleFailure()
{
    FailureEmailData d;
    d.organizationName = QStringLiteral("Bayside Dental Care");
    d.ownerName = QStringLiteral("Maria Lopez");
    d.failedStep = QStringLiteral("Buy phone number");
    d.errorMessage = QStringLiteral("No phone numbers are available in area code 510 (Twilio 21452).");
    d.failedAt = QDateTime(QDate(2025, 3, 14), QTime(9, 31), Qt::UTC);
    return d;
}

} // namespace

int runMail(const QStringList &args)
{
    Context ctx(QStringLiteral("mail"));
    ctx.parser.setApplicationDescription(QStringLiteral(
        "Render the owner's approval or failure e-mail with sample data: the HTML part, or with --text the subject "
        "and the plain-text part."));
    const QCommandLineOption textOption(QStringLiteral("text"), QStringLiteral("Print the subject and the plain-text part instead of the HTML."));
    ctx.parser.addOption(textOption);
    if (auto done = ctx.parse(args, QStringLiteral("preview approval|failure"), 2, 2))
        return *done;
    const QStringList positional = ctx.parser.positionalArguments();
    const QString which = positional.value(1);
    if (positional.value(0) != u"preview" || (which != u"approval" && which != u"failure"))
        return ctx.fail(QStringLiteral("usage: orgctl mail preview approval|failure [--text]"), Usage);

    const EmailRenderer renderer(sampleBranding());
    const Result<RenderedEmail> email = which == u"approval" ? renderer.approval(sampleApproval()) : renderer.failure(sampleFailure());
    if (!email)
        return ctx.fail(email.error().message);
    if (ctx.parser.isSet(textOption))
        ctx.print(QStringLiteral("Subject: %1\n\n%2").arg(email->subject, email->text));
    else
        ctx.print(email->html);
    return Ok;
}

} // namespace oc::cli
