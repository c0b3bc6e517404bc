#include "stb/catalogue.h"

#include <algorithm>

namespace stb {

namespace {

struct Entry {
  Msg id;
  const char* zho;
  const char* spa;
  const char* eng;
};

// One row per message, in the order of Msg (catalogueInOrder() checks it).
// Written for native readers: Chinese uses full-width punctuation and no
// spaces around numbers, and puts the time first; Spanish uses "la" for one
// o'clock, the remote's own key names (OK, BACK, EXIT are printed in English
// on the operator's remotes), usted, and "aviso" for a fault report as
// Spanish operators do. Chinese hints name the keys as Chinese remotes label
// them (确定, 返回, 退出).
const Entry kCatalogue[] = {
    // the bar
    {Msg::kLabel, "{kind} · {when}", "{kind} · {when}", "{kind} · {when}"},
    {Msg::kScheduledMaintenance, "计划维护", "Mantenimiento programado", "Planned maintenance"},
    {Msg::kScheduledOutage, "临时中断", "Corte de servicio", "Service outage"},
    {Msg::kScheduledServiceChange, "业务调整", "Cambio de servicio", "Service change"},
    {Msg::kScheduledEmergency, "紧急通知", "Emergencia", "Emergency"},
    {Msg::kScheduledInformation, "公告", "Aviso", "Notice"},
    {Msg::kInProgressMaintenance, "维护进行中", "Mantenimiento en curso",
     "Maintenance in progress"},
    {Msg::kInProgressOutage, "服务中断", "Corte de servicio en curso", "Outage in progress"},
    {Msg::kInProgressServiceChange, "业务调整中", "Cambio de servicio en curso",
     "Service change in progress"},
    {Msg::kInProgressEmergency, "紧急通知", "Emergencia en curso", "Emergency in progress"},
    {Msg::kInProgressInformation, "公告", "Aviso", "Notice"},
    {Msg::kStartsInMinutes, "{count}分钟后开始", "empieza en {count} min", "starts in {count} min"},
    {Msg::kStartsInHours, "{count}小时后开始", "empieza en {count} h", "starts in {count} h"},
    {Msg::kStartsInDays, "{count}天后开始", "empieza en {count} días", "starts in {count} days"},
    {Msg::kUntil, "至{time}", "hasta las {time}", "until {time}"},
    {Msg::kUntilOneOClock, "至{time}", "hasta la {time}", "until {time}"},
    {Msg::kUntilDate, "至{month_name}{day}日{time}", "hasta el {day}/{month} a las {time}",
     "until {time}, {day} {month_name}"},
    {Msg::kUntilDateOneOClock, "至{month_name}{day}日{time}", "hasta el {day}/{month} a la {time}",
     "until {time}, {day} {month_name}"},
    {Msg::kDate, "{year}年{month_name}{day}日", "{day}/{month}/{year}",
     "{day} {month_name} {year}"},
    {Msg::kMonth1, "1月", "ene", "Jan"},
    {Msg::kMonth2, "2月", "feb", "Feb"},
    {Msg::kMonth3, "3月", "mar", "Mar"},
    {Msg::kMonth4, "4月", "abr", "Apr"},
    {Msg::kMonth5, "5月", "may", "May"},
    {Msg::kMonth6, "6月", "jun", "Jun"},
    {Msg::kMonth7, "7月", "jul", "Jul"},
    {Msg::kMonth8, "8月", "ago", "Aug"},
    {Msg::kMonth9, "9月", "sept", "Sep"},
    {Msg::kMonth10, "10月", "oct", "Oct"},
    {Msg::kMonth11, "11月", "nov", "Nov"},
    {Msg::kMonth12, "12月", "dic", "Dec"},
    {Msg::kTitledText, "{title}：{body}", "{title}: {body}", "{title}: {body}"},
    {Msg::kSentenceEnd, "{text}。", "{text}.", "{text}."},
    {Msg::kContactPhone, "{text}咨询电话 {phone}", "{text} Información: {phone}",
     "{text} Info: {phone}"},
    {Msg::kFeeReminder, "缴费提醒", "Aviso de pago", "Fee reminder"},
    {Msg::kFeeInDays, "{count}天后到期", "vence en {count} días", "expires in {count} days"},
    {Msg::kFeeTomorrow, "明天到期", "vence mañana", "expires tomorrow"},
    {Msg::kFeeToday, "今天到期", "vence hoy", "expires today"},
    {Msg::kFeeYesterday, "已于昨天到期", "venció ayer", "expired yesterday"},
    {Msg::kFeeDaysAgo, "已过期{count}天", "venció hace {count} días", "expired {count} days ago"},
    {Msg::kAmount, "{amount} {currency}", "{amount} {currency}", "{amount} {currency}"},
    {Msg::kAmountYuan, "{amount}元", "{amount} CNY", "{amount} CNY"},
    {Msg::kHowToPay, "请拨打客服热线{hotline}缴费。", "Para pagar, llame al {hotline}.",
     "To pay, call the hotline {hotline}."},
    {Msg::kFeePackagePaid, "您的「{package}」有效期至{date}，应缴费用{amount}。",
     "Su paquete «{package}» está pagado hasta el {date}. Importe a pagar: {amount}.",
     "Your package \"{package}\" is paid until {date}. Amount due: {amount}."},
    {Msg::kFeePackageOver, "您的「{package}」已于{date}到期，应缴费用{amount}。",
     "Su paquete «{package}» estaba pagado hasta el {date}. Importe a pagar: {amount}.",
     "Your package \"{package}\" was paid until {date}. Amount due: {amount}."},
    {Msg::kSubscriptionPaid, "您的收视套餐有效期至{date}，应缴费用{amount}。",
     "Su suscripción está pagada hasta el {date}. Importe a pagar: {amount}.",
     "Your subscription is paid until {date}. Amount due: {amount}."},
    {Msg::kSubscriptionOver, "您的收视套餐已于{date}到期，应缴费用{amount}。",
     "Su suscripción estaba pagada hasta el {date}. Importe a pagar: {amount}.",
     "Your subscription was paid until {date}. Amount due: {amount}."},
    {Msg::kFeeWithHowToPay, "{reminder}{how_to_pay}", "{reminder} {how_to_pay}",
     "{reminder} {how_to_pay}"},

    // the menu
    {Msg::kMainTitle, "服务菜单", "Menú de servicio", "Service menu"},
    {Msg::kMainReport, "报修", "Informar de una avería", "Report a fault"},
    {Msg::kMainNewInstallation, "申请新装", "Pedir una nueva instalación",
     "Request a new installation"},
    {Msg::kMainRestoreService, "申请恢复服务", "Restablecer el servicio", "Restore my service"},
    {Msg::kMainComplaint, "投诉", "Presentar una reclamación", "Make a complaint"},
    {Msg::kMainMyReports, "我的报修", "Mis avisos", "My reports"},
    {Msg::kMainServiceInfo, "服务信息", "Información del servicio", "Service info"},
    {Msg::kMainClose, "关闭", "Cerrar", "Close"},

    {Msg::kFooterMain, "确定 选择 · 退出 关闭", "OK elegir · EXIT salir", "OK select · EXIT close"},
    {Msg::kFooterList, "确定 选择 · 返回 上一页 · 退出 关闭",
     "OK elegir · BACK volver · EXIT salir", "OK select · BACK back · EXIT close"},
    {Msg::kFooterInput, "数字键 输入 · ◀ 删除 · 确定 下一步 · 返回 上一页",
     "0-9 escribir · ◀ borrar · OK seguir · BACK volver",
     "0-9 type · ◀ delete · OK next · BACK back"},
    {Msg::kFooterConfirm, "确定 提交 · 返回 修改 · 退出 取消",
     "OK enviar · BACK cambiar · EXIT cancelar", "OK send · BACK change · EXIT cancel"},
    {Msg::kFooterSending, "退出 关闭", "EXIT salir", "EXIT close"},
    {Msg::kFooterResult, "确定 返回菜单 · 退出 关闭", "OK volver al menú · EXIT salir",
     "OK menu · EXIT close"},
    {Msg::kFooterScore, "按1-5键评分 · 退出 关闭", "1-5 puntuar · EXIT salir",
     "1-5 score · EXIT close"},
    {Msg::kFooterInfo, "返回 上一页 · 退出 关闭", "BACK volver · EXIT salir",
     "BACK back · EXIT close"},

    {Msg::kYes, "是", "Sí", "Yes"},
    {Msg::kNo, "否", "No", "No"},
    {Msg::kNotAvailable, "暂无", "no disponible", "not available"},

    {Msg::kOutageTitle, "已知区域故障", "Avería conocida en su zona", "Known outage"},
    {Msg::kOutageBody, "您所在区域有已知故障，预计{until}恢复服务。",
     "Hay una avería conocida en su zona. Está previsto que el servicio vuelva a las {until}.",
     "Known outage in your area, service expected back at {until}."},
    {Msg::kOutageAsk, "仍要报修吗？", "¿Quiere informar de la avería de todos modos?",
     "Report anyway?"},

    {Msg::kCategoryTitle, "请选择故障类型", "¿Qué problema tiene?", "What is wrong?"},
    {Msg::kCatNoPicture, "无图像", "Sin imagen", "No picture"},
    {Msg::kCatMosaic, "马赛克或画面卡顿", "Imagen pixelada o congelada",
     "Mosaic or freezing picture"},
    {Msg::kCatNoSound, "无声音", "Sin sonido", "No sound"},
    {Msg::kCatChannelsMissing, "部分频道收不到", "Faltan algunos canales", "Some channels missing"},
    {Msg::kCatSmartcard, "智能卡/授权提示", "Mensaje de tarjeta o de autorización",
     "Smartcard / authorisation message"},
    {Msg::kCatBoxFault, "机顶盒故障", "Avería del descodificador", "Set-top box fault"},
    {Msg::kCatRemote, "遥控器问题", "Mando a distancia", "Remote control"},
    {Msg::kCatBilling, "费用咨询", "Consulta sobre la factura", "Billing question"},
    {Msg::kCatOther, "其他", "Otro problema", "Other"},
    {Msg::kCatNewInstallation, "新装", "Nueva instalación", "New installation"},
    {Msg::kCatServiceRestoration, "恢复服务", "Restablecer el servicio", "Restore service"},
    {Msg::kCatComplaint, "投诉", "Reclamación", "Complaint"},
    {Msg::kSeverityGeneral, "一般", "leve", "general"},
    {Msg::kSeverityMajor, "重大", "grave", "major"},

    {Msg::kCallbackTitle, "回拨电话（可不填）", "Teléfono de contacto (opcional)",
     "Callback number (optional)"},
    {Msg::kCallbackPrompt, "请用数字键输入联系电话；不填请直接按确定。",
     "Escriba su teléfono con las teclas numéricas o pulse OK para seguir sin él.",
     "Type a phone number with the digit keys, or press OK to skip."},
    {Msg::kCallbackLabel, "电话", "Teléfono", "Phone"},
    {Msg::kCallbackError, "电话号码应为5至20位数字。",
     "El teléfono debe tener entre 5 y 20 cifras.", "A phone number has 5 to 20 digits."},

    {Msg::kVisitTitle, "希望上门时间", "¿Cuándo prefiere la visita del técnico?",
     "When can a technician visit?"},
    {Msg::kVisitMorning, "上午", "Por la mañana", "Morning"},
    {Msg::kVisitAfternoon, "下午", "Por la tarde", "Afternoon"},
    {Msg::kVisitEvening, "晚上", "Por la noche", "Evening"},
    {Msg::kVisitAnyTime, "任何时间均可", "A cualquier hora", "Any time"},

    {Msg::kConfirmTitle, "确认报修信息", "Revise su aviso", "Check your report"},
    {Msg::kConfirmRequestTitle, "确认办理信息", "Revise su solicitud", "Check your request"},
    {Msg::kConfirmFault, "故障：{category}（{severity}）", "Avería: {category} ({severity})",
     "Fault: {category} ({severity})"},
    {Msg::kRequestLine, "办理事项：{category}", "Solicitud: {category}", "Request: {category}"},
    {Msg::kConfirmCallback, "回拨电话：{callback}", "Teléfono de contacto: {callback}",
     "Callback number: {callback}"},
    {Msg::kConfirmNoCallback, "未填写", "ninguno", "none"},
    {Msg::kConfirmVisit, "上门时间：{visit}", "Visita: {visit}", "Visit: {visit}"},
    {Msg::kConfirmDiagnostics, "机顶盒会一并发送信号检测数据，便于维修员一次修好。",
     "El descodificador enviará también los datos de la señal para que el técnico lo resuelva en "
     "una sola visita.",
     "The box also sends its signal readings, so the fault can be fixed in one visit."},
    {Msg::kConfirmBoxData, "机顶盒会一并发送本机编号和信号数据。",
     "El descodificador enviará también su identificación y los datos de la señal.",
     "The box also sends its identity and signal readings."},
    {Msg::kConfirmPrompt, "按确定提交。", "Pulse OK para enviar.", "Press OK to send."},

    {Msg::kSendingTitle, "正在提交…", "Enviando…", "Sending…"},
    {Msg::kSendingBody, "请稍候。", "Espere un momento, por favor.", "Please wait."},
    {Msg::kAcceptedTitle, "报修已受理", "Aviso registrado", "Report received"},
    {Msg::kRequestAcceptedTitle, "工单已受理", "Solicitud registrada", "Request received"},
    {Msg::kTicketLine, "工单号：{ticket}", "Número de aviso: {ticket}", "Ticket number: {ticket}"},
    {Msg::kDeadlineLine, "承诺修复时限：{deadline}", "Plazo de reparación: {deadline}",
     "Fixed by: {deadline}"},
    {Msg::kDeadlineInstalled, "承诺安装时限：{deadline}", "Plazo de instalación: {deadline}",
     "Installed by: {deadline}"},
    {Msg::kDeadlineRestored, "承诺恢复时限：{deadline}", "Plazo para restablecerlo: {deadline}",
     "Service back by: {deadline}"},
    {Msg::kDeadlineAnswered, "承诺答复时限：{deadline}", "Plazo de respuesta: {deadline}",
     "Answer by: {deadline}"},
    {Msg::kCharterLine, "受理类别：{charter}", "Tramitado como: {charter}",
     "Handled as: {charter}"},
    {Msg::kCharterGeneralFault, "一般故障", "avería leve", "general fault"},
    {Msg::kCharterMajorFault, "重大故障", "avería grave", "major fault"},
    {Msg::kCharterNewInstallation, "新装", "nueva instalación", "new installation"},
    {Msg::kCharterServiceRestoration, "恢复服务", "restablecimiento del servicio",
     "service restoration"},
    {Msg::kCharterComplaint, "投诉", "reclamación", "complaint"},
    {Msg::kHotlineLine, "客服热线：{hotline}", "Atención al cliente: {hotline}",
     "Hotline: {hotline}"},
    {Msg::kQueuedTitle, "等待发送", "Pendiente de envío", "Waiting to send"},
    {Msg::kQueuedBody, "报修信息已保存，网络恢复后将自动发送。",
     "Su aviso está guardado y se enviará en cuanto vuelva la conexión.",
     "Your report is saved and will be sent as soon as the connection is back."},
    {Msg::kQueuedCall, "如需尽快处理，请拨打客服热线{hotline}。",
     "Si es urgente, llame al {hotline}.", "Urgent? Call the hotline {hotline}."},

    {Msg::kReportsTitle, "我的报修", "Mis avisos", "My reports"},
    {Msg::kReportsEmpty, "暂无报修记录。", "No tiene ningún aviso.", "You have no reports."},
    {Msg::kReportsNoTicket, "暂无工单号", "sin número", "no ticket yet"},
    {Msg::kReportRow, "{ticket} · {category}", "{ticket} · {category}", "{ticket} · {category}"},
    {Msg::kReportDetailTitle, "工单 {ticket}", "Aviso {ticket}", "Report {ticket}"},
    {Msg::kStatusLine, "状态：{status}", "Estado: {status}", "Status: {status}"},
    {Msg::kStatusWaitingToSend, "等待发送", "pendiente de envío", "waiting to send"},
    {Msg::kStatusSent, "已发送", "enviado", "sent"},
    {Msg::kStatusAccepted, "已受理", "registrado", "accepted"},
    {Msg::kStatusTechnicianAssigned, "已派维修员", "técnico asignado", "technician assigned"},
    {Msg::kStatusResolved, "已修复", "resuelto", "resolved"},
    {Msg::kStatusClosed, "已结单", "cerrado", "closed"},

    {Msg::kInfoHotline, "客服热线：{value}", "Atención al cliente: {value}", "Hotline: {value}"},
    {Msg::kInfoSupervision, "监督电话：{value}", "Teléfono de reclamaciones: {value}",
     "Supervision number: {value}"},
    {Msg::kInfoOffice, "营业厅：{value}", "Oficina comercial: {value}", "Business office: {value}"},
    {Msg::kInfoOfficePhone, "营业厅电话：{value}", "Teléfono de la oficina: {value}",
     "Office phone: {value}"},
    {Msg::kInfoTechnician, "片区维修员：{value}", "Técnico de su zona: {value}",
     "Area technician: {value}"},
    {Msg::kInfoTechnicianStaff, "维修员工号：{value}", "N.º de empleado del técnico: {value}",
     "Technician's staff number: {value}"},

    {Msg::kReturnTitle, "报修回访（工单{ticket}）", "Seguimiento del aviso {ticket}",
     "Follow-up on report {ticket}"},
    {Msg::kReturnFixedQuestion, "问题解决了吗？", "¿Se ha resuelto el problema?",
     "Was the problem fixed?"},
    {Msg::kReturnScoreQuestion, "请按1至5键为本次服务评分。",
     "¿Qué nota le da al servicio? Pulse de 1 a 5.", "How satisfied are you? Press 1 to 5."},
    {Msg::kScore5, "5 非常满意", "5 Muy satisfecho", "5 Very satisfied"},
    {Msg::kScore4, "4 满意", "4 Satisfecho", "4 Satisfied"},
    {Msg::kScore3, "3 一般", "3 Normal", "3 Neutral"},
    {Msg::kScore2, "2 不满意", "2 Poco satisfecho", "2 Dissatisfied"},
    {Msg::kScore1, "1 非常不满意", "1 Nada satisfecho", "1 Very dissatisfied"},
    {Msg::kScoreError, "请按1至5键。", "Pulse una tecla del 1 al 5.", "Press a key from 1 to 5."},
    {Msg::kReturnThanksTitle, "感谢您的反馈", "Gracias", "Thank you"},
    {Msg::kReturnThanksBody, "您的评价已记录，感谢您的配合。",
     "Hemos recibido su respuesta. Gracias por su tiempo.",
     "We have your answer. Thank you for your time."},
    {Msg::kStorageWarning,
     "机顶盒暂时无法保存数据：报修信息关机后将丢失。如情况紧急，请拨打客服热线。",
     "El decodificador no puede guardar datos ahora: si lo apaga, el aviso se perderá. Si es "
     "urgente, llame a atención al cliente.",
     "The box cannot save right now: reports are lost if it is switched off. If it is urgent, "
     "call the hotline."},
    {Msg::kFaultLine, "故障：{category}", "Avería: {category}", "Fault: {category}"},
};

constexpr int kEntries = static_cast<int>(sizeof kCatalogue / sizeof kCatalogue[0]);

}  // namespace

const char* rawText(Language language, Msg id) {
  const int i = static_cast<int>(id);
  if (i < 0 || i >= kEntries || kCatalogue[i].id != id) {
    // Out of order: look it up the slow way, so a misplaced row still reads.
    const Entry* e = std::find_if(std::begin(kCatalogue), std::end(kCatalogue),
                                  [id](const Entry& x) { return x.id == id; });
    if (e == std::end(kCatalogue)) return nullptr;
    return language == Language::kZho ? e->zho : language == Language::kSpa ? e->spa : e->eng;
  }
  const Entry& e = kCatalogue[i];
  return language == Language::kZho ? e.zho : language == Language::kSpa ? e.spa : e.eng;
}

bool catalogueInOrder() {
  if (kEntries != kMsgCount) return false;
  for (int i = 0; i < kEntries; ++i)
    if (static_cast<int>(kCatalogue[i].id) != i) return false;
  return true;
}

std::string text(Language language, Msg id) {
  const char* t = rawText(language, id);
  return t ? t : "";
}

std::string substitute(const std::string& templ, const Args& args) {
  std::string out;
  out.reserve(templ.size());
  size_t i = 0;
  while (i < templ.size()) {
    if (templ[i] == '{') {
      const size_t close = templ.find('}', i + 1);
      if (close != std::string::npos) {
        const std::string name = templ.substr(i + 1, close - i - 1);
        auto it = std::find_if(args.begin(), args.end(),
                               [&name](const auto& a) { return a.first == name; });
        if (it != args.end()) {
          out += it->second;
          i = close + 1;
          continue;
        }
      }
    }
    out += templ[i++];
  }
  return out;
}

std::string format(Language language, Msg id, const Args& args) {
  return substitute(text(language, id), args);
}

std::vector<std::string> placeholders(const std::string& templ) {
  std::vector<std::string> names;
  size_t i = 0;
  while ((i = templ.find('{', i)) != std::string::npos) {
    const size_t close = templ.find('}', i + 1);
    if (close == std::string::npos) break;
    names.push_back(templ.substr(i + 1, close - i - 1));
    i = close + 1;
  }
  return names;
}

}  // namespace stb
