#include "stateicons.h"

#include <QCoreApplication>
#include <QHash>
#include <QPainter>
#include <QPixmap>

namespace oc::ui {

namespace {

enum class Glyph { None, Check, Cross, Dots, Undo, Dash, Warn };

QIcon badge(QColor fill, Glyph glyph, bool hollow = false)
{
    QIcon icon;
    for (int size : {16, 24, 32, 48}) {
        QPixmap pm(size, size);
        pm.fill(Qt::transparent);
        QPainter p(&pm);
        p.setRenderHint(QPainter::Antialiasing);
        const qreal pen = size / 10.0;
        QRectF r(pen, pen, size - 2 * pen, size - 2 * pen);
        if (hollow) {
            p.setPen(QPen(fill, pen));
            p.setBrush(Qt::NoBrush);
        } else {
            p.setPen(Qt::NoPen);
            p.setBrush(fill);
        }
        p.drawEllipse(r);
        p.setPen(QPen(Qt::white, pen * 1.2, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        const qreal s = size;
        switch (glyph) {
        case Glyph::Check:
            p.drawPolyline(QPolygonF{{s * 0.30, s * 0.52}, {s * 0.45, s * 0.66}, {s * 0.71, s * 0.36}});
            break;
        case Glyph::Cross:
            p.drawLine(QPointF(s * 0.34, s * 0.34), QPointF(s * 0.66, s * 0.66));
            p.drawLine(QPointF(s * 0.66, s * 0.34), QPointF(s * 0.34, s * 0.66));
            break;
        case Glyph::Dots:
            p.setBrush(Qt::white);
            p.setPen(Qt::NoPen);
            for (qreal x : {0.30, 0.5, 0.70})
                p.drawEllipse(QPointF(s * x, s * 0.5), s * 0.07, s * 0.07);
            break;
        case Glyph::Undo:
            p.drawArc(QRectF(s * 0.30, s * 0.30, s * 0.40, s * 0.40), 90 * 16, 270 * 16);
            p.drawPolyline(QPolygonF{{s * 0.42, s * 0.22}, {s * 0.52, s * 0.30}, {s * 0.42, s * 0.38}});
            break;
        case Glyph::Dash:
            p.setPen(QPen(hollow ? fill : Qt::white, pen * 1.2, Qt::SolidLine, Qt::RoundCap));
            p.drawLine(QPointF(s * 0.34, s * 0.5), QPointF(s * 0.66, s * 0.5));
            break;
        case Glyph::Warn:
            p.drawLine(QPointF(s * 0.5, s * 0.28), QPointF(s * 0.5, s * 0.56));
            p.drawPoint(QPointF(s * 0.5, s * 0.72));
            break;
        case Glyph::None:
            break;
        }
        p.end();
        icon.addPixmap(pm);
    }
    return icon;
}

const QColor kGreen(0x2e, 0x9d, 0x4f);
const QColor kRed(0xd6, 0x3a, 0x3a);
const QColor kBlue(0x2f, 0x7f, 0xd8);
const QColor kAmber(0xd9, 0x8a, 0x12);
const QColor kGrey(0x8a, 0x8f, 0x98);

} // namespace

QIcon stateIcon(pipeline::StepState state)
{
    using S = pipeline::StepState;
    static QHash<int, QIcon> cache;
    auto it = cache.find(int(state));
    if (it != cache.end())
        return *it;
    QIcon icon;
    switch (state) {
    case S::Pending: icon = badge(kGrey, Glyph::None, true); break;
    case S::Running: icon = badge(kBlue, Glyph::Dots); break;
    case S::Succeeded: icon = badge(kGreen, Glyph::Check); break;
    case S::Failed: icon = badge(kRed, Glyph::Cross); break;
    case S::Skipped: icon = badge(kGrey, Glyph::Dash, true); break;
    case S::Canceled: icon = badge(kGrey, Glyph::Cross); break;
    case S::Compensating: icon = badge(kAmber, Glyph::Dots); break;
    case S::Compensated: icon = badge(kAmber, Glyph::Undo); break;
    case S::CompensationFailed: icon = badge(kRed, Glyph::Warn); break;
    }
    cache.insert(int(state), icon);
    return icon;
}

QIcon outcomeIcon(LiveRun::Outcome outcome)
{
    switch (outcome) {
    case LiveRun::Outcome::Running: return stateIcon(pipeline::StepState::Running);
    case LiveRun::Outcome::Succeeded: return stateIcon(pipeline::StepState::Succeeded);
    case LiveRun::Outcome::Failed: return stateIcon(pipeline::StepState::Failed);
    case LiveRun::Outcome::Canceled: return stateIcon(pipeline::StepState::Canceled);
    case LiveRun::Outcome::NeedsAttention: return stateIcon(pipeline::StepState::CompensationFailed);
    }
    return {};
}

QIcon setupStateIcon(SetupState state)
{
    switch (state) {
    case SetupState::None: return {};
    case SetupState::Provisioning: return stateIcon(pipeline::StepState::Running);
    case SetupState::Active: return stateIcon(pipeline::StepState::Succeeded);
    case SetupState::Failed: return stateIcon(pipeline::StepState::Failed);
    case SetupState::NeedsAttention: return stateIcon(pipeline::StepState::CompensationFailed);
    }
    return {};
}

QString setupStateTitle(SetupState state)
{
    switch (state) {
    case SetupState::None: return QCoreApplication::translate("oc::ui", "None");
    case SetupState::Provisioning: return QCoreApplication::translate("oc::ui", "Provisioning");
    case SetupState::Active: return QCoreApplication::translate("oc::ui", "Active");
    case SetupState::Failed: return QCoreApplication::translate("oc::ui", "Failed");
    case SetupState::NeedsAttention: return QCoreApplication::translate("oc::ui", "Needs attention");
    }
    return {};
}

QString orgStatusTitle(OrgStatus status)
{
    // Lower case like the stored values the English console has always shown.
    switch (status) {
    case OrgStatus::Pending: return QCoreApplication::translate("oc::ui", "pending", "organization status");
    case OrgStatus::Verified: return QCoreApplication::translate("oc::ui", "verified", "organization status");
    case OrgStatus::Rejected: return QCoreApplication::translate("oc::ui", "rejected", "organization status");
    case OrgStatus::Suspended: return QCoreApplication::translate("oc::ui", "suspended", "organization status");
    }
    return {};
}

QString stepStateTitle(pipeline::StepState state)
{
    using S = pipeline::StepState;
    switch (state) {
    case S::Pending: return QCoreApplication::translate("oc::ui", "Waiting");
    case S::Running: return QCoreApplication::translate("oc::ui", "Running");
    case S::Succeeded: return QCoreApplication::translate("oc::ui", "Done");
    case S::Failed: return QCoreApplication::translate("oc::ui", "Failed");
    case S::Skipped: return QCoreApplication::translate("oc::ui", "Skipped");
    case S::Canceled: return QCoreApplication::translate("oc::ui", "Canceled");
    case S::Compensating: return QCoreApplication::translate("oc::ui", "Undoing");
    case S::Compensated: return QCoreApplication::translate("oc::ui", "Undone");
    case S::CompensationFailed: return QCoreApplication::translate("oc::ui", "Undo failed");
    }
    return {};
}

} // namespace oc::ui
