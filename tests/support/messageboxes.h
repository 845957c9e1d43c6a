#pragma once

// Answering the console's window-modal questions in GUI tests (header-only: the support library itself does
// not link QtWidgets).

#include <QAbstractButton>
#include <QMessageBox>
#include <QWidget>

namespace oc::test {

// The question `window` has open (window-modal: the click that asked has returned already), or null.
inline QMessageBox *openQuestion(const QWidget *window)
{
    for (QMessageBox *box : window->findChildren<QMessageBox *>()) {
        if (box->isVisible())
            return box;
    }
    return nullptr;
}

// The button of `box` whose text, without its accelerator mark, is `text`; null when there is none.
inline QAbstractButton *buttonOf(const QMessageBox *box, const QString &text)
{
    for (QAbstractButton *b : box->buttons()) {
        if (b->text().remove(QLatin1Char('&')) == text)
            return b;
    }
    return nullptr;
}

} // namespace oc::test
